/**
 * Bills and insert-only entries, the card's cache of them, payment records, point lots and their
 * expiry job, reconciliation, a card's transactions.
 */
@ModuleTables(
        owns = {
            "bill",
            "ledger_entry",
            "payment_record",
            "payment_refund",
            "points_lot",
            "points_lot_use",
            "bill_day_total"
        },
        writes =
                @Table(
                        name = "card",
                        reason = "The card row's money and points fields are a cache of the entries: the POST"
                                + " statement (JdbcLedger) writes the bill, its entries and that cache at once, and"
                                + " PointsLots sets points_disabled_date with the lot that decides it: one statement"
                                + " each on the payment path, under the card's row lock (which the card module takes,"
                                + " handing over a LockedCard). Refunds find a member's bills and payment records across"
                                + " replaced cards through card.member_id in the same way, and the reconciliation"
                                + " holds the cache against the entries; LedgerReports sums the stored-value liability by the"
                                + " card's issuing shop"),
        reads =
                @Table(
                        name = "shop",
                        reason =
                                "A bill falls on its shop's open business day, after closed_through, read for key share inside the POST statement (the lock day-end waits for): one"
                                        + " round trip on the payment path rather than a call to tenancy before it"))
package com.membercard.ledger;

import com.membercard.shared.ModuleTables;
import com.membercard.shared.ModuleTables.Table;
