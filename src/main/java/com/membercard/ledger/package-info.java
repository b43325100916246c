/**
 * Bills and insert-only entries, the card's cache of them, payment records, point lots and their
 * expiry job, reconciliation, a card's transactions.
 *
 * <p>A bill's business day comes from the tenancy module's {@code shop.closed_through}, read inside
 * the POST statement: one round trip on the payment path rather than a call to tenancy before it.
 * The protocol that keeps a bill out of a day being closed is day-end's (settlement's
 * {@code DayEnds}): no lock on the bill's side.
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
                        reason = "A bill's business day is its shop's closed_through, read in the POST statement"
                                + " that writes the bill (JdbcLedger): one round trip on the payment path"),
        fedByTriggersOn =
                @Table(
                        name = "shop",
                        reason = "Bills name their shop without a foreign key (V27: its FOR KEY SHARE queued every"
                                + " payment of a shop on one row), so the trigger shop_without_bills refuses to delete"
                                + " a shop that a bill names, as the key did (V28: with no lock, since a bill on its way"
                                + " names a shop that its operator, key or card still refers to by a foreign key)"))
package com.membercard.ledger;

import com.membercard.shared.ModuleTables;
import com.membercard.shared.ModuleTables.Table;
