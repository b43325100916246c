package com.membercard.card;

import com.membercard.shared.BusinessCode;
import com.membercard.shared.BusinessException;
import com.membercard.tenancy.Actor;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cards: issuing one, finding one by its code, and locking one by its id for work that needs no
 * customer's proof (the replacement just made, the points expiry job). Proving a card by what the
 * customer presents is {@link CardAuthentication}'s.
 */
@Service
public class Cards {

    private final JdbcCards cards;
    private final CardSecrets secrets;
    private final CardLifecycle lifecycle;
    private final SecretGuessing guessing;

    Cards(JdbcCards cards, CardSecrets secrets, CardLifecycle lifecycle, SecretGuessing guessing) {
        this.cards = cards;
        this.guessing = guessing;
        this.lifecycle = lifecycle;
        this.secrets = secrets;
    }

    /** Issues a card; a card code or secret already used in the tenant answers 409 naming the field. */
    @Transactional(propagation = Propagation.MANDATORY)
    public long issue(long tenantId, NewCard card) {
        long id = cards.nextId();
        insert(tenantId, id, card, card.pin() == null ? null : secrets.hashPin(card.pin()), "cardMac");
        return id;
    }

    /**
     * op35's card side: the old card (normal or lost) becomes void, pointing to the new one, which
     * becomes the member's current card with the old card's PIN. Moving the value over is the
     * ledger's part.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long replace(long tenantId, LockedCard old, NewCard card, Actor actor, String serial, String remark) {
        String pinHash = cards.find(tenantId, JdbcCards.Key.ID, old.id(), true)
                .orElseThrow(Cards::noSuchCard)
                .keys()
                .pinHash();
        long newCardId = cards.nextId();
        lifecycle.markReplaced(tenantId, old.id(), newCardId, actor, serial, remark);
        insert(tenantId, newCardId, card, pinHash, "mac");
        return newCardId;
    }

    /**
     * Inserts the card; a code or secret already used answers 409 naming the request's field. That a
     * secret is taken tells that some card has it, so a clash counts as a miss of the caller's
     * credential, like a wrong secret presented without a card code ({@link SecretGuessing}).
     */
    private void insert(long tenantId, long id, NewCard card, String pinHash, String secretField) {
        guessing.requireAllowed(tenantId);
        byte[] macHash = secrets.hash(card.mac());
        if (cards.insert(tenantId, id, card, macHash, CardSecrets.lastFour(card.mac()), pinHash)) {
            return;
        }
        if (cards.codeTaken(tenantId, card.code())) {
            throw BusinessException.taken("cardCode");
        }
        if (cards.secretTaken(tenantId, macHash)) {
            guessing.miss(tenantId);
            throw BusinessException.taken(secretField);
        }
        throw new IllegalStateException("card " + card.code() + " refused by a constraint other than code or secret");
    }

    /** Keeps the copy of the member's level on their cards (see the card table) in step. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void memberLevelChanged(long tenantId, long memberId, long levelId) {
        cards.setMemberLevel(tenantId, memberId, levelId);
    }

    public Optional<Card> byId(long tenantId, long id) {
        return cards.find(tenantId, JdbcCards.Key.ID, id, false).map(StoredCard::card);
    }

    public Optional<Card> byCode(long tenantId, String code) {
        return cards.find(tenantId, JdbcCards.Key.CODE, code, false).map(StoredCard::card);
    }

    /**
     * Locks the card row until the transaction ends, without asking for any proof: only for a card
     * the caller already holds by other means (602 when the tenant has no such card).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public LockedCard lock(long tenantId, long cardId) {
        return new LockedCard(cards.find(tenantId, JdbcCards.Key.ID, cardId, true)
                .orElseThrow(Cards::noSuchCard)
                .card());
    }

    static BusinessException noSuchCard() {
        return new BusinessException(BusinessCode.CARD_NOT_FOUND);
    }
}
