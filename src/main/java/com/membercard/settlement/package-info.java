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
                        reason = "Day-end is the other half of the ledger's lock protocol: it takes the shop's day"
                                + " lock exclusively (against the bills' shared hold of it in the POST statement),"
                                + " totals the day and moves closed_through in the same transaction, so that a bill is"
                                + " either in the closed day or on the next one"))
package com.membercard.settlement;

import com.membercard.shared.ModuleTables;
import com.membercard.shared.ModuleTables.Table;
