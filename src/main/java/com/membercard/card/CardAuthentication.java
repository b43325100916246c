package com.membercard.card;

import com.membercard.shared.BusinessCode;
import com.membercard.shared.BusinessException;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one way to prove a card, for every operation that takes a secret, a PIN or a payment code.
 * In this order: the card is found (602 when it is not); a card locked for too many wrong attempts
 * answers 610 to anything, even the right secret; the secret must be the card's (602, counted),
 * then the PIN where {@link CardUse} asks for it and the card has one (609, counted); the right
 * secret forgets the wrong attempts before it. Five counted failures within 15 minutes lock the
 * card for 15 minutes. A secret presented without a card code is counted against the caller's
 * credential instead ({@link SecretGuessing}). Every "now" here is the service's {@link Clock}.
 */
@Service
public class CardAuthentication {

    private final JdbcCards cards;
    private final CardSecrets secrets;
    private final PayCodes payCodes;
    private final CardLockout lockout;
    private final SecretGuessing guessing;
    private final Clock clock;

    CardAuthentication(
            JdbcCards cards,
            CardSecrets secrets,
            PayCodes payCodes,
            CardLockout lockout,
            SecretGuessing guessing,
            Clock clock) {
        this.cards = cards;
        this.guessing = guessing;
        this.secrets = secrets;
        this.payCodes = payCodes;
        this.lockout = lockout;
        this.clock = clock;
    }

    /**
     * The card the credentials prove, read without a lock: for reads and for commands that lock
     * the card later themselves. The code may be left out: the secret alone then finds the card.
     */
    public Card authenticate(long tenantId, CardCredentials presented, CardUse use) {
        return counting(tenantId, () -> verified(tenantId, presented, use, false));
    }

    /**
     * The card the credentials prove, its row locked until the caller's transaction ends; a
     * payment code is spent (and restored if the transaction rolls back). The card code is required
     * unless a payment code is presented. The caller's transaction must run inside {@link
     * #counting}, which counts a wrong secret or PIN after the rollback.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public LockedCard lock(long tenantId, CardCredentials presented, CardUse use) {
        return new LockedCard(verified(tenantId, presented, use, true));
    }

    /**
     * Runs {@code command}, which may throw {@link WrongCardKey} from {@link #lock}; that failure
     * is then counted on its own, after the command's transaction has rolled back (so nothing holds
     * the card's row), and answered 602 or 609, or 610 when it locked the card.
     */
    public <T> T counting(long tenantId, Supplier<T> command) {
        try {
            return command.get();
        } catch (WrongCardKey wrong) {
            throw lockout.count(tenantId, wrong);
        }
    }

    private Card verified(long tenantId, CardCredentials presented, CardUse use, boolean lock) {
        if (use.payCodes != CardUse.PayCodeUse.REFUSED && PayCodes.looksLikePayCode(presented.mac())) {
            return byPayCode(tenantId, presented, use, lock);
        }
        StoredCard stored = find(tenantId, presented, use, lock);
        Card card = stored.card();
        requireUnlocked(stored);
        if (use.secretRequiredFor(card)) {
            if (!presented.hasMac()) {
                throw new BusinessException(BusinessCode.NOT_ALLOWED_IN_STATE, "error.secretOrLossRequired");
            }
            if (!secrets.secretMatches(
                    presented.mac(), stored.keys().macHash(), stored.keys().macKeyVersion())) {
                throw new WrongCardKey(card.id(), WrongCardKey.Which.SECRET);
            }
            if (stored.keys().macKeyVersion() != secrets.currentKeyVersion()) {
                cards.rehashSecret(tenantId, card.id(), secrets.hash(presented.mac()), secrets.currentKeyVersion());
            }
        }
        if (use.pinRequired && card.hasPin()) {
            if (!presented.hasPin()) {
                throw new BusinessException(BusinessCode.WRONG_PIN, "error.pinRequired");
            }
            if (!secrets.pinMatches(presented.pin(), stored.keys().pinHash())) {
                throw new WrongCardKey(card.id(), WrongCardKey.Which.PIN);
            }
        }
        if (stored.keys().failedAttempts() > 0) {
            cards.clearFailedAttempts(tenantId, card.id());
        }
        return card;
    }

    /** A payment code stands for the secret and the PIN, which issuing it took (op39). */
    private Card byPayCode(long tenantId, CardCredentials presented, CardUse use, boolean lock) {
        long cardId = use.payCodes == CardUse.PayCodeUse.SPEND
                ? payCodes.spend(tenantId, presented.mac())
                : payCodes.cardOf(tenantId, presented.mac());
        StoredCard stored =
                cards.find(tenantId, JdbcCards.Key.ID, cardId, lock).orElseThrow(CardAuthentication::noSuchCard);
        if (presented.hasCode() && !presented.cardCode().equals(stored.card().code())) {
            throw noSuchCard();
        }
        requireUnlocked(stored);
        return stored.card();
    }

    private StoredCard find(long tenantId, CardCredentials presented, CardUse use, boolean lock) {
        if (use.secret == CardUse.Secret.REQUIRED && !presented.hasMac()) {
            throw BusinessException.invalid("mac", "error.required");
        }
        if (presented.hasCode()) {
            return cards.find(tenantId, JdbcCards.Key.CODE, presented.cardCode(), lock)
                    .orElseThrow(CardAuthentication::noSuchCard);
        }
        if (lock || use.secret != CardUse.Secret.REQUIRED) {
            throw BusinessException.invalid("cardCode", "error.required");
        }
        guessing.requireAllowed(tenantId);
        Optional<StoredCard> found =
                cards.find(tenantId, JdbcCards.Key.SECRET, secrets.hashesUnderEveryKey(presented.mac()), false);
        if (found.isEmpty()) {
            guessing.miss(tenantId);
            throw noSuchCard();
        }
        return found.get();
    }

    private void requireUnlocked(StoredCard stored) {
        if (stored.keys().lockedAt(clock.instant())) {
            throw new BusinessException(BusinessCode.CARD_LOCKED);
        }
    }

    private static BusinessException noSuchCard() {
        return new BusinessException(BusinessCode.CARD_NOT_FOUND);
    }
}
