package com.membercard.ledger;

import com.membercard.card.CardStatus;
import com.membercard.shared.Money;

/**
 * A card whose row is locked by the current transaction, with its state and its ledger cache. Only
 * while holding this may anything be posted to the card.
 *
 * @param access what the lock saw of the card's secret, when one was presented
 */
public record LockedCard(
        long id,
        long memberId,
        String code,
        long classId,
        long memberLevelId,
        int status,
        Long shopId,
        Totals totals,
        Access access) {

    /**
     * @param locked too many wrong secrets lately (610)
     * @param secretMatches the presented secret is the card's
     * @param earlierFailures wrong secrets are on record, to forget once the right one is shown
     */
    public record Access(boolean locked, boolean secretMatches, boolean earlierFailures) {}

    public CardStatus cardStatus() {
        return CardStatus.of(status);
    }

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
