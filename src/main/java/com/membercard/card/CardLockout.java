package com.membercard.card;

import com.membercard.shared.BusinessCode;
import com.membercard.shared.BusinessException;
import com.membercard.shared.security.SecurityEvent;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Counts wrong secrets and PINs toward a card's lock (DOMAIN.md "Cards": 5 within 15 minutes). */
@Component
class CardLockout {

    private final JdbcCards cards;
    private final CardProperties properties;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    CardLockout(JdbcCards cards, CardProperties properties, Clock clock, ApplicationEventPublisher events) {
        this.cards = cards;
        this.properties = properties;
        this.clock = clock;
        this.events = events;
    }

    /** Counts the failure in a transaction of its own; answers 602 or 609, or 610 once it locks the card. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public BusinessException count(long tenantId, WrongCardKey wrong) {
        boolean locked = cards.recordFailedAttempt(
                tenantId, wrong.cardId(), properties.maxFailedAttempts(), properties.lockWindow(), clock.instant());
        if (locked) {
            String code = cards.find(tenantId, JdbcCards.Key.ID, wrong.cardId(), false)
                    .map(stored -> stored.card().code())
                    .orElse(null);
            events.publishEvent(new SecurityEvent(
                    tenantId,
                    SecurityEvent.Kind.CARD_LOCKED,
                    null,
                    null,
                    code,
                    null,
                    wrong.which().name()));
            return new BusinessException(BusinessCode.CARD_LOCKED);
        }
        return new BusinessException(
                wrong.which() == WrongCardKey.Which.PIN ? BusinessCode.WRONG_PIN : BusinessCode.CARD_NOT_FOUND);
    }
}
