package com.membercard.settlement;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.membercard.ledger.BillTotals.DayTotals;

/**
 * A shop's business day as day-end sees it. {@code status}: 901 not closed, 902 a close is running,
 * 903 a close was interrupted (POST again to resume it), 904 closed, 905 closed and the till's
 * totals ({@code tillTotals}) differ from the server's ({@code serverTotals}). Times are the
 * tenant's ({@code yyyy-MM-dd HH:mm:ss}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DayEndView(
        long shopId,
        String businessDate,
        int status,
        DayTotals serverTotals,
        TillTotals tillTotals,
        String startedAt,
        String finishedAt,
        Long operatorId,
        Long apiKeyId) {}
