/**
 * The business day: day-end per shop and business date (日结), reports over the ledger's published
 * totals, the stored-value liability. Reads the ledger through {@code ledger.BillTotals}, never its
 * tables.
 */
@ModuleTables(
        owns = {"day_end", "day_end_schedule"},
        writes =
                @Table(
                        name = "shop",
                        reason = "Day-end keeps the protocol with the ledger's bills: it moves closed_through on"
                                + " and commits, waits for every transaction older than that to end, then totals the"
                                + " day, so that a bill (which reads closed_through as it is written) is either in the"
                                + " closed day or on a later one"))
package com.membercard.settlement;

import com.membercard.shared.ModuleTables;
import com.membercard.shared.ModuleTables.Table;
