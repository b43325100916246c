package com.membercard.card;

import com.membercard.shared.BusinessCode;
import com.membercard.shared.BusinessException;
import java.time.Clock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Counts wrong secrets and PINs toward a card's lock (DOMAIN.md "Cards": 5 within 15 minutes). */
@Component
class CardLockout {

    private final JdbcCards cards;
    private final CardProperties properties;
    private final Clock clock;

    CardLockout(JdbcCards cards, CardProperties properties, Clock clock) {
        this.cards = cards;
        this.properties = properties;
        this.clock = clock;
    }

    /** Counts the failure in a transaction of its own; answers 602 or 609, or 610 once it locks the card. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public BusinessException count(long tenantId, WrongCardKey wrong) {
        boolean locked = cards.recordFailedAttempt(
                tenantId, wrong.cardId(), properties.maxFailedAttempts(), properties.lockWindow(), clock.instant());
        if (locked) {
            return new BusinessException(BusinessCode.CARD_LOCKED);
        }
        return new BusinessException(
                wrong.which() == WrongCardKey.Which.PIN ? BusinessCode.WRONG_PIN : BusinessCode.CARD_NOT_FOUND);
    }
}
