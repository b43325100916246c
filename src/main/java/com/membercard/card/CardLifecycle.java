package com.membercard.card;

import com.membercard.shared.BusinessCode;
import com.membercard.shared.BusinessException;
import com.membercard.tenancy.Actor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The state changes of DOMAIN.md "Cards": each takes the card's row lock, checks the table of
 * allowed transitions, changes the state and records the event, in the caller's transaction (the
 * one that also stores the request's serial). Anything outside the table is refused with the code
 * of the state the card is in (603 lost, 604 void, 601 returned) or 611, and changes nothing.
 */
@Service
public class CardLifecycle {

    private final JdbcCards cards;

    CardLifecycle(JdbcCards cards) {
        this.cards = cards;
    }

    /** op33: normal → lost. No secret needed: the customer has lost the card. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void reportLoss(long tenantId, long cardId, Actor actor, String serial, String remark) {
        Card card = locked(tenantId, cardId);
        card.cardStatus().requireUsable();
        change(tenantId, card, CardStatus.LOST, CardEvent.Kind.REPORTED_LOST, actor, serial, remark);
    }

    /** op34: lost → normal; the caller has proved the secret. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void cancelLoss(long tenantId, long cardId, Actor actor, String serial, String remark) {
        Card card = locked(tenantId, cardId);
        if (card.cardStatus() != CardStatus.LOST) {
            refuse(card.cardStatus());
        }
        change(tenantId, card, CardStatus.NORMAL, CardEvent.Kind.LOSS_CANCELLED, actor, serial, remark);
    }

    /**
     * op36: normal → void, only once no real money is left on the card (611 otherwise): what the
     * customer paid must be refunded or returned first. Gift money and points stay on the void
     * card, unusable, so that its ledger still adds up.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void voidCard(long tenantId, long cardId, Actor actor, String serial, String remark) {
        Card card = locked(tenantId, cardId);
        card.cardStatus().requireUsable();
        if (card.real().isPositive()) {
            throw new BusinessException(BusinessCode.NOT_ALLOWED_IN_STATE, "error.voidWithBalance", card.real());
        }
        change(tenantId, card, CardStatus.VOID, CardEvent.Kind.VOIDED, actor, serial, remark);
    }

    /** op30: normal → returned, once its money has been paid back (the caller posts that). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void markReturned(long tenantId, long cardId, Actor actor, String serial, String remark) {
        Card card = locked(tenantId, cardId);
        card.cardStatus().requireUsable();
        change(tenantId, card, CardStatus.RETURNED, CardEvent.Kind.RETURNED, actor, serial, remark);
    }

    /**
     * op35: a normal or lost card becomes void and points to its replacement, which is now the
     * member's current card (the caller moves the value over).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void markReplaced(long tenantId, long oldCardId, long newCardId, Actor actor, String serial, String remark) {
        Card card = locked(tenantId, oldCardId);
        if (card.cardStatus() != CardStatus.LOST) {
            card.cardStatus().requireUsable();
        }
        cards.setReplacedBy(tenantId, oldCardId, newCardId);
        change(tenantId, card, CardStatus.VOID, CardEvent.Kind.REPLACED, actor, serial, remark);
    }

    private Card locked(long tenantId, long cardId) {
        return cards.find(tenantId, JdbcCards.Key.ID, cardId, true)
                .orElseThrow(Cards::noSuchCard)
                .card();
    }

    private void change(
            long tenantId, Card card, CardStatus to, CardEvent.Kind kind, Actor actor, String serial, String remark) {
        cards.setStatus(tenantId, card.id(), to);
        cards.insertEvent(tenantId, new CardEvent(card.id(), kind, card.cardStatus(), to, actor, serial, remark));
    }

    /** A normal card refused a transition meant for another state: 611. */
    private static void refuse(CardStatus status) {
        status.requireUsable();
        throw new BusinessException(BusinessCode.NOT_ALLOWED_IN_STATE);
    }
}
