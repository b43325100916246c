package com.membercard.ledger;

/** What a bill records; the prefix starts its bill number (CZ2026011500000123). */
public enum BillKind {
    RECHARGE("CZ"),
    CARD_PAYMENT("XF"),
    PAYMENT_REFUND("TX"),
    RECHARGE_REFUND("TC"),
    BALANCE_REFUND("TY"),
    /** A part of an online balance refund (op27) that the gateway refused, back on the card. */
    BALANCE_REFUND_RETURN("TH"),
    CARD_RETURN("TK"),
    CARD_REPLACEMENT("HK"),
    GIFT_REDEMPTION("DH"),
    POINTS_EXPIRY("JG"),
    OPENING_BALANCE("QC");

    private final String prefix;

    BillKind(String prefix) {
        this.prefix = prefix;
    }

    String prefix() {
        return prefix;
    }
}
