package com.membercard.catalog;

import com.membercard.shared.Money;
import java.time.LocalDateTime;

/**
 * A recharge plan (充值方案): pay {@code payMoney}, get {@code giveMoney} on top ({@code money} in
 * all), between {@code startTime} and {@code endTime} (tenant-local; null = open), and only while
 * {@code inUse}. With {@code moneyModifiable} the till may recharge another amount under the plan.
 */
public record RechargePlan(
        long id,
        String name,
        Money money,
        Money payMoney,
        Money giveMoney,
        LocalDateTime startTime,
        LocalDateTime endTime,
        boolean moneyModifiable,
        String remark,
        boolean inUse) {}
