package com.membercard.ledger;

import java.time.LocalDate;

/** A bill once written: its id and number, and the business day it fell on. */
public record PostedBill(long id, String billNo, LocalDate businessDate) {}
