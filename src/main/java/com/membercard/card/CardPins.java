package com.membercard.card;

import com.membercard.shared.Envelope;
import com.membercard.shared.idempotency.Idempotency;
import com.membercard.shared.security.SecurityEvent;
import com.membercard.tenancy.Actor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * A card's PIN: set or changed by the member (the secret, and the current PIN where there is one),
 * cleared by a tenant administrator when forgotten. Only its slow hash is kept; it is never answered.
 */
@Service
class CardPins {

    private final CardAuthentication authentication;
    private final Cards cards;
    private final JdbcCards jdbc;
    private final CardSecrets secrets;
    private final Idempotency idempotency;
    private final ApplicationEventPublisher events;

    CardPins(
            CardAuthentication authentication,
            Cards cards,
            JdbcCards jdbc,
            CardSecrets secrets,
            Idempotency idempotency,
            ApplicationEventPublisher events) {
        this.events = events;
        this.authentication = authentication;
        this.cards = cards;
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.idempotency = idempotency;
    }

    Envelope<Void> change(long tenantId, Actor actor, CardCommands.ChangePin request) {
        CardCredentials presented = new CardCredentials(request.cardCode(), request.mac(), request.oldPassword());
        return idempotency.once(tenantId, "CHANGE_PIN", request.timestamp(), request, Void.class, () -> {
            Card card =
                    authentication.lock(tenantId, presented, CardUse.CHANGE_PIN).card();
            card.cardStatus().requireUsable();
            CardEvent.Kind kind = card.hasPin() ? CardEvent.Kind.PIN_CHANGED : CardEvent.Kind.PIN_SET;
            set(tenantId, card, secrets.hashPin(request.password()), kind, actor, request.timestamp(), null);
            return null;
        });
    }

    Envelope<Void> clear(long tenantId, Actor actor, CardCommands.ClearPin request) {
        long cardId = cards.byCode(tenantId, request.cardCode())
                .orElseThrow(Cards::noSuchCard)
                .id();
        return idempotency.once(tenantId, "CLEAR_PIN", request.timestamp(), request, Void.class, () -> {
            Card card = cards.lock(tenantId, cardId).card();
            set(tenantId, card, null, CardEvent.Kind.PIN_CLEARED, actor, request.timestamp(), request.remark());
            return null;
        });
    }

    private void set(
            long tenantId, Card card, String pinHash, CardEvent.Kind kind, Actor actor, String serial, String remark) {
        jdbc.setPin(tenantId, card.id(), pinHash);
        jdbc.insertEvent(
                tenantId, new CardEvent(card.id(), kind, card.cardStatus(), card.cardStatus(), actor, serial, remark));
        events.publishEvent(new SecurityEvent(
                tenantId,
                kind == CardEvent.Kind.PIN_CLEARED
                        ? SecurityEvent.Kind.CARD_PIN_CLEARED
                        : SecurityEvent.Kind.CARD_PIN_CHANGED,
                null,
                null,
                card.code(),
                null,
                kind.name()));
    }
}
