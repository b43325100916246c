package com.membercard.ledger;

/** One kind of change of a card's pots, as DOMAIN.md "Ledger" lists them. */
public enum EntryKind {
    RECHARGE,
    PAYMENT,
    PAYMENT_REFUND,
    RECHARGE_REFUND,
    BALANCE_REFUND,
    GIFT_FORFEIT,
    POINTS_EARN,
    POINTS_SPEND,
    POINTS_REVERSE,
    POINTS_EXPIRE,
    POINTS_FORFEIT,
    TRANSFER_OUT,
    TRANSFER_IN,
    OPENING_BALANCE
}
