package com.membercard.card;

/**
 * A wrong secret or PIN, found inside a transaction that must roll back before the failure is
 * counted ({@link CardAuthentication#refusal}): counted within it, the rollback would undo the count.
 */
public final class WrongCardKey extends RuntimeException {

    enum Which {
        SECRET,
        PIN
    }

    private final long cardId;
    private final Which which;

    WrongCardKey(long cardId, Which which) {
        super(null, null, false, false);
        this.cardId = cardId;
        this.which = which;
    }

    long cardId() {
        return cardId;
    }

    Which which() {
        return which;
    }
}
