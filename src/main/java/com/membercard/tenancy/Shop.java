package com.membercard.tenancy;

import java.time.LocalDate;

/** A shop (门店). {@code businessDate} is the day its new bills fall on, moved on by day-end. */
public record Shop(long id, String name, String code, String address, LocalDate businessDate) {}
