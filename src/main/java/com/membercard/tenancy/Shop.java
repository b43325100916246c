package com.membercard.tenancy;

import java.time.LocalDate;

/**
 * A shop (门店). {@code closedThrough} is the last business day that day-end closed (null: none);
 * its new bills fall on the later of the day after it and the tenant's today (the ledger decides).
 */
public record Shop(long id, String name, String code, String address, LocalDate closedThrough) {}
