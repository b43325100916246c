package com.membercard.card;

import com.membercard.shared.Money;
import java.time.LocalDateTime;

/**
 * op08's card: the 25 fields of the original document. {@code password} is always empty and
 * {@code mac} masked ({@code ****1234}): neither is ever returned in clear.
 */
public record CardView(
        Money totalRecharge,
        Money actualRecharge,
        Money giveRecharge,
        Money totalExpense,
        Money actualExpense,
        Money giveExpense,
        Money balance,
        Money actualBalance,
        Money giveBalance,
        long totalPoints,
        long actualPoints,
        long usedPoints,
        LocalDateTime pointsDisabledDate,
        LocalDateTime effectiveTime,
        long memberCardClassId,
        String memberCardClassName,
        int status,
        String statusName,
        int cardSendMode,
        Long shopId,
        String shopName,
        String password,
        String code,
        String mac,
        long id) {}
