package com.membercard.payment;

/** A secret that is not the card's, found under the card's lock: rolled back, then counted. */
final class WrongSecret extends RuntimeException {

    private final long cardId;

    WrongSecret(long cardId) {
        super(null, null, false, false);
        this.cardId = cardId;
    }

    long cardId() {
        return cardId;
    }
}
