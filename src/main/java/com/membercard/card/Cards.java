package com.membercard.card;

import com.membercard.shared.BusinessCode;
import com.membercard.shared.BusinessException;
import com.membercard.tenancy.Actor;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cards: opening one, finding one by code or secret, and proving a secret. Every other module
 * reaches a card through here.
 */
@Service
public class Cards {

    private final JdbcCards cards;
    private final CardSecrets secrets;
    private final CardProperties properties;
    private final CardLifecycle lifecycle;

    Cards(JdbcCards cards, CardSecrets secrets, CardProperties properties, CardLifecycle lifecycle) {
        this.cards = cards;
        this.lifecycle = lifecycle;
        this.secrets = secrets;
        this.properties = properties;
    }

    /** Opens a card; a card code or secret already used in the tenant answers 409 naming the field. */
    @Transactional(propagation = Propagation.MANDATORY)
    public long open(long tenantId, NewCard card) {
        return insert(tenantId, cards.nextId(), card, "cardMac");
    }

    /**
     * op35's card side: the old card (normal or lost) becomes void, pointing to the new one, which
     * becomes the member's current card. Moving the value over is the ledger's part.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long replace(long tenantId, long oldCardId, NewCard card, Actor actor, String serial, String remark) {
        long newCardId = cards.nextId();
        lifecycle.markReplaced(tenantId, oldCardId, newCardId, actor, serial, remark);
        return insert(tenantId, newCardId, card, "mac");
    }

    /** Inserts the card; a code or secret already used answers 409 naming the request's field. */
    private long insert(long tenantId, long id, NewCard card, String secretField) {
        String pinHash = card.pin() == null ? null : secrets.hashPin(card.pin());
        try {
            return cards.insert(
                    tenantId, id, card, secrets.hash(card.mac()), CardSecrets.lastFour(card.mac()), pinHash);
        } catch (DuplicateKeyException e) {
            throw BusinessException.taken(e.getMessage().contains("card_mac_hash_key") ? secretField : "cardCode");
        }
    }

    /** Keeps the copy of the member's level on their cards (see the card table) in step. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void memberLevelChanged(long tenantId, long memberId, long levelId) {
        cards.setMemberLevel(tenantId, memberId, levelId);
    }

    public Optional<Card> byId(long tenantId, long id) {
        return cards.byId(tenantId, id);
    }

    public Optional<Card> byCode(long tenantId, String code) {
        return cards.byCode(tenantId, code);
    }

    /** The card whose secret this is; none (602 for the caller) when no card has it. */
    public Optional<Card> bySecret(long tenantId, String mac) {
        return cards.byMacHash(tenantId, secrets.hash(mac));
    }

    /**
     * Counts a wrong secret presented on a money operation, after that operation's transaction has
     * rolled back (so nothing else holds the card's row); answers 602, or 610 if the card is now
     * locked.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public BusinessException wrongSecret(long tenantId, long cardId) {
        boolean locked =
                cards.recordFailedAttempt(tenantId, cardId, properties.maxFailedAttempts(), properties.lockWindow());
        return new BusinessException(locked ? BusinessCode.CARD_LOCKED : BusinessCode.CARD_NOT_FOUND);
    }

    /** Forgets earlier wrong secrets once the right one is shown (in the caller's transaction). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void rightSecret(long tenantId, long cardId) {
        cards.clearFailedAttempts(tenantId, cardId);
    }

    /** The keyed hash a secret is stored as, to compare inside a statement that locks the card. */
    public byte[] secretHash(String mac) {
        return secrets.hash(mac);
    }

    /**
     * The card {@code code} if {@code mac} is its secret. A wrong secret answers 602, exactly like an
     * unknown card, and counts toward the lock; a locked card answers 610 even to the right secret.
     * Failures are committed on their own, whatever becomes of the caller's transaction, so this
     * must run before the caller locks the card row.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW, noRollbackFor = BusinessException.class)
    public Card authenticate(long tenantId, String code, String mac) {
        Card card = cards.byCode(tenantId, code).orElseThrow(() -> new BusinessException(BusinessCode.CARD_NOT_FOUND));
        if (card.isLocked(OffsetDateTime.now())) {
            throw new BusinessException(BusinessCode.CARD_LOCKED);
        }
        if (!cards.secretMatches(tenantId, card.id(), secrets.hash(mac))) {
            throw wrongSecret(tenantId, card.id());
        }
        cards.clearFailedAttempts(tenantId, card.id());
        return card;
    }
}
