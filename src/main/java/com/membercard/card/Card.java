package com.membercard.card;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * A card as stored: its identity, state and the cache of its ledger (the 12 money and points
 * fields). Never carries the secret or the PIN, only whether there is one and the secret's last 4.
 */
public record Card(
        long id,
        long memberId,
        String code,
        String macLast4,
        boolean hasPin,
        long classId,
        long memberLevelId,
        int status,
        int sendMode,
        Long shopId,
        OffsetDateTime effectiveTime,
        Long replacedByCardId,
        BigDecimal totalRecharge,
        BigDecimal actualRecharge,
        BigDecimal giveRecharge,
        BigDecimal totalExpense,
        BigDecimal actualExpense,
        BigDecimal giveExpense,
        BigDecimal balance,
        BigDecimal actualBalance,
        BigDecimal giveBalance,
        long totalPoints,
        long actualPoints,
        long usedPoints,
        OffsetDateTime pointsDisabledDate,
        OffsetDateTime lockedUntil) {

    /** The columns this record maps from, for the statements that read a card. */
    static final String COLUMNS = """
            id, member_id, code, mac_last4, pin_hash is not null as has_pin, class_id, member_level_id, status, send_mode,
            shop_id,
            effective_time, replaced_by_card_id, total_recharge, actual_recharge, give_recharge, total_expense,
            actual_expense, give_expense, balance, actual_balance, give_balance, total_points, actual_points,
            used_points, points_disabled_date, locked_until""";

    public CardStatus cardStatus() {
        return CardStatus.of(status);
    }

    public boolean isLocked(OffsetDateTime now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
