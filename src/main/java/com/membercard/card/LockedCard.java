package com.membercard.card;

import com.membercard.shared.Money;

/**
 * A card whose row the current transaction has locked ({@code select … for update}), as it was when
 * locked. Only the card module makes one, and the ledger posts only on cards held this way, so
 * nothing is ever posted on a card another transaction may be changing.
 */
public final class LockedCard {

    private final Card card;

    LockedCard(Card card) {
        this.card = card;
    }

    public Card card() {
        return card;
    }

    public long id() {
        return card.id();
    }

    public long memberId() {
        return card.memberId();
    }

    public String code() {
        return card.code();
    }

    public long classId() {
        return card.classId();
    }

    public long memberLevelId() {
        return card.memberLevelId();
    }

    public Long shopId() {
        return card.shopId();
    }

    public CardStatus cardStatus() {
        return card.cardStatus();
    }

    public CardTotals totals() {
        return card.totals();
    }

    public Money real() {
        return card.real();
    }

    public Money gift() {
        return card.gift();
    }

    public Money balance() {
        return card.balance();
    }

    public long points() {
        return card.points();
    }
}
