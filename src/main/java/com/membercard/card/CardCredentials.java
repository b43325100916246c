package com.membercard.card;

/**
 * What the customer presents for a card: its code (may be left out with a secret or payment code
 * alone, where the operation allows it), its secret or a payment code ({@code mac}), and its PIN
 * ({@code password}, for a card that has one).
 */
public record CardCredentials(String cardCode, String mac, String pin) {

    public static CardCredentials of(String cardCode, String mac) {
        return new CardCredentials(cardCode, mac, null);
    }

    boolean hasCode() {
        return cardCode != null && !cardCode.isBlank();
    }

    boolean hasMac() {
        return mac != null && !mac.isEmpty();
    }

    boolean hasPin() {
        return pin != null && !pin.isEmpty();
    }

    /** Never shows the secret or the PIN, should a record end up in a log. */
    @Override
    public String toString() {
        return "CardCredentials[cardCode=" + cardCode + "]";
    }
}
