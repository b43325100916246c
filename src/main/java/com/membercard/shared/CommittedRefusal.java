package com.membercard.shared;

/**
 * A refusal whose transaction commits before it is answered, where every other refusal rolls its
 * transaction back: what the transaction wrote before refusing must stand, and it wrote nothing
 * else. A wrong card secret or PIN is one (its count, written under the card's lock before the lock
 * is released, so that parallel guesses each see the ones before them). {@code Idempotency.once}
 * commits on it.
 */
public class CommittedRefusal extends BusinessException {

    public CommittedRefusal(BusinessCode code) {
        super(code);
    }
}
