package com.membercard.card;

/**
 * What an operation asks of the customer to prove a card, in one table (README "Card secrets, PINs
 * and payment codes"). A secret proves the card; a PIN, where the card has one, is asked on top of
 * it wherever money or points leave the card; a payment code (op39) stands for both the secret and
 * the PIN, since issuing it took them, but only where a card payment may use one.
 */
public enum CardUse {
    /** op08 with a secret, op34: the secret proves the card is in the customer's hands. */
    READ(PayCodeUse.REFUSED, true, false),
    /** op21, op22: before a payment; a payment code is looked at, not spent. */
    PAY_INFO(PayCodeUse.PEEK, true, false),
    /** op23: money leaves the card. */
    PAY(PayCodeUse.SPEND, true, true),
    /** op24: money comes back to the card. */
    REFUND_PAYMENT(PayCodeUse.SPEND, true, false),
    /** op29, op17: money comes onto the card. */
    RECHARGE(PayCodeUse.REFUSED, true, false),
    /** op30, op31, op32 (money paid back out), op37 (points spent). */
    WITHDRAW(PayCodeUse.REFUSED, true, true),
    /** op39: the code it issues can spend money, so it asks what a payment asks. */
    ISSUE_PAY_CODE(PayCodeUse.REFUSED, true, true),
    /** Setting or changing the PIN: the secret, and the current PIN where there is one. */
    CHANGE_PIN(PayCodeUse.REFUSED, true, true),
    /**
     * op35's old card: it may be lost, so its secret cannot be asked; its PIN, where it has one,
     * proves that the member asks for the replacement.
     */
    REPLACE(PayCodeUse.REFUSED, false, true);

    /** Whether a payment code may stand in place of the secret, and whether it is then spent. */
    enum PayCodeUse {
        REFUSED,
        PEEK,
        SPEND
    }

    final PayCodeUse payCodes;
    final boolean secretRequired;
    final boolean pinRequired;

    CardUse(PayCodeUse payCodes, boolean secretRequired, boolean pinRequired) {
        this.payCodes = payCodes;
        this.secretRequired = secretRequired;
        this.pinRequired = pinRequired;
    }
}
