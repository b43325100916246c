package com.membercard.card;

import com.membercard.shared.BusinessCode;
import com.membercard.shared.CommittedRefusal;
import com.membercard.shared.security.SecurityEvent;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts wrong secrets and PINs toward a card's lock (DOMAIN.md "Cards": 5 within 15 minutes), in
 * the transaction that compared them under the card's row lock; that transaction commits
 * ({@link CommittedRefusal}), so the count lands before the next guess can take the lock.
 */
@Component
class CardLockout {

    /** Which of the card's keys was wrong. */
    enum Key {
        SECRET,
        PIN
    }

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

    /** Counts the failure; answers 602 or 609, or 610 once it locks the card (an event for the administrators). */
    @Transactional(propagation = Propagation.MANDATORY)
    public CommittedRefusal refuse(long tenantId, Card card, Key wrong) {
        boolean locked = cards.recordFailedAttempt(
                tenantId, card.id(), properties.maxFailedAttempts(), properties.lockWindow(), clock.instant());
        if (locked) {
            events.publishEvent(new SecurityEvent(
                    tenantId, SecurityEvent.Kind.CARD_LOCKED, null, null, card.code(), null, wrong.name()));
            return new CommittedRefusal(BusinessCode.CARD_LOCKED);
        }
        return new CommittedRefusal(wrong == Key.PIN ? BusinessCode.WRONG_PIN : BusinessCode.CARD_NOT_FOUND);
    }
}
