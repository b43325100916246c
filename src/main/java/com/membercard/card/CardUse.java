package com.membercard.card;

/**
 * What an operation asks of the customer to prove a card, in one table (README "Card secrets, PINs
 * and payment codes"). A secret proves the card; a PIN, where the card has one, is asked on top of
 * it wherever money or points leave the card; a payment code (op39) stands for both the secret and
 * the PIN, since issuing it took them, but only where a card payment may use one.
 */
public enum CardUse {
    /** op08 with a secret, op34: the secret proves the card is in the customer's hands. */
    READ(PayCodeUse.REFUSED, Secret.REQUIRED, false),
    /** op21, op22: before a payment; a payment code is looked at, not spent. */
    PAY_INFO(PayCodeUse.PEEK, Secret.REQUIRED, false),
    /** op23: money leaves the card. */
    PAY(PayCodeUse.SPEND, Secret.REQUIRED, true),
    /** op24: money comes back to the card. */
    REFUND_PAYMENT(PayCodeUse.SPEND, Secret.REQUIRED, false),
    /** op29, op17: money comes onto the card. */
    RECHARGE(PayCodeUse.REFUSED, Secret.REQUIRED, false),
    /** op27, op30, op31, op32 (money paid back out), op37 (points spent). */
    WITHDRAW(PayCodeUse.REFUSED, Secret.REQUIRED, true),
    /** op39: the code it issues can spend money, so it asks what a payment asks. */
    ISSUE_PAY_CODE(PayCodeUse.REFUSED, Secret.REQUIRED, true),
    /** Setting or changing the PIN: the secret, and the current PIN where there is one. */
    CHANGE_PIN(PayCodeUse.REFUSED, Secret.REQUIRED, true),
    /**
     * op35's old card: its secret, unless it was reported lost (op33) and so cannot be presented;
     * its PIN where it has one, which a member who lost the card still knows. Without either, the
     * card's money could be moved by anyone who knows its code.
     */
    REPLACE(PayCodeUse.REFUSED, Secret.UNLESS_LOST, true);

    /** When the secret must be presented. */
    enum Secret {
        REQUIRED,
        UNLESS_LOST
    }

    /** Whether a payment code may stand in place of the secret, and whether it is then spent. */
    enum PayCodeUse {
        REFUSED,
        PEEK,
        SPEND
    }

    final PayCodeUse payCodes;
    final Secret secret;
    final boolean pinRequired;

    CardUse(PayCodeUse payCodes, Secret secret, boolean pinRequired) {
        this.payCodes = payCodes;
        this.secret = secret;
        this.pinRequired = pinRequired;
    }

    /** A lost card needs no secret; a void or returned one is refused for its state by the caller. */
    boolean secretRequiredFor(Card card) {
        return secret == Secret.REQUIRED || card.cardStatus() == CardStatus.NORMAL;
    }
}
