package com.membercard.tenancy;

import java.time.LocalDate;

/**
 * A shop (门店). {@code closedThrough} is the last business day that day-end closed (null: none);
 * its new bills fall on the later of the day after it and the tenant's today ({@link #openDay}; the
 * ledger's bill statement applies the same rule under the shop row's lock).
 */
public record Shop(long id, String name, String code, String address, LocalDate closedThrough) {

    /** The business day the shop's work of {@code today} (the tenant's calendar day) falls on. */
    public LocalDate openDay(LocalDate today) {
        return closedThrough == null || closedThrough.isBefore(today) ? today : closedThrough.plusDays(1);
    }
}
