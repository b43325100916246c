package com.membercard.card;

import com.membercard.shared.Money;
import java.time.OffsetDateTime;

/**
 * A card as stored: its identity, state and the cache of its ledger. The one type every statement
 * reading a {@code card} row maps to. Never carries the secret or the PIN, only whether there is a
 * PIN and the secret's last 4.
 */
public record Card(
        long id,
        long memberId,
        String code,
        String macLast4,
        boolean hasPin,
        long classId,
        long memberLevelId,
        CardStatus cardStatus,
        int sendMode,
        Long shopId,
        OffsetDateTime effectiveTime,
        Long replacedByCardId,
        CardTotals totals,
        OffsetDateTime pointsDisabledDate) {

    public Money real() {
        return totals.real();
    }

    public Money gift() {
        return totals.gift();
    }

    public Money balance() {
        return totals.balance();
    }

    public long points() {
        return totals.points();
    }
}
