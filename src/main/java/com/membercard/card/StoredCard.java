package com.membercard.card;

import java.time.Instant;

/**
 * A card row with what proves it: the keyed hash of its secret, the slow hash of its PIN, and its
 * count of wrong attempts. Never leaves the card module; only {@link #card} does.
 */
record StoredCard(Card card, Keys keys) {

    /**
     * @param macKeyVersion the version of the key {@code macHash} was made with
     * @param lockedUntil when the lock for too many wrong attempts ends (null: never locked)
     */
    record Keys(byte[] macHash, int macKeyVersion, String pinHash, int failedAttempts, Instant lockedUntil) {

        boolean lockedAt(Instant now) {
            return lockedUntil != null && lockedUntil.isAfter(now);
        }
    }
}
