package com.membercard.card;

import com.membercard.shared.BusinessCode;
import com.membercard.shared.BusinessException;
import com.membercard.shared.CommittedRefusal;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one way to prove a card, for every operation that takes a secret, a PIN or a payment code.
 * In this order: the card is found (602 when it is not); a card locked for too many wrong attempts
 * answers 610 to anything, even the right secret; the secret must be the card's (602, counted),
 * then the PIN where {@link CardUse} asks for it and the card has one (609, counted); the right
 * secret forgets the wrong attempts before it. Five counted failures within 15 minutes lock the
 * card for 15 minutes. Every "now" here is the service's {@link Clock}.
 *
 * <p>A secret or PIN is compared only with the card's row locked, and a wrong one is counted before
 * that lock is released: in the same transaction, which commits ({@link CommittedRefusal}). So a
 * burst of guesses at one card queues on its lock and each sees the count of those before it; no
 * more than five are ever compared in a window. A secret presented without a card code is counted
 * against the caller's credential instead ({@link SecretGuessing}), under that credential's lock.
 */
@Service
public class CardAuthentication {

    private final JdbcCards cards;
    private final CardSecrets secrets;
    private final PayCodes payCodes;
    private final CardLockout lockout;
    private final SecretGuessing guessing;
    private final Clock clock;
    private final TransactionTemplate transactions;

    CardAuthentication(
            JdbcCards cards,
            CardSecrets secrets,
            PayCodes payCodes,
            CardLockout lockout,
            SecretGuessing guessing,
            Clock clock,
            TransactionTemplate transactions) {
        this.cards = cards;
        this.guessing = guessing;
        this.secrets = secrets;
        this.payCodes = payCodes;
        this.lockout = lockout;
        this.clock = clock;
        this.transactions = transactions;
    }

    /**
     * The card the credentials prove, for reads and for commands that lock the card later
     * themselves. The code may be left out: the secret alone then finds the card. Runs in a
     * transaction that commits whatever it answers (all it writes is a failure's count, or the
     * right secret's forgetting of them), so it must not be called inside a transaction that would
     * roll back a refusal; a card proved without a write rolls back (a row lock needs no flush to
     * disk).
     */
    public Card authenticate(long tenantId, CardCredentials presented, CardUse use) {
        Object outcome = transactions.execute(status -> {
            try {
                Proved proved = verified(tenantId, presented, use, true);
                if (!proved.wrote() && status.isNewTransaction()) {
                    status.setRollbackOnly(); // only a lock to let go: no commit to flush
                }
                return proved.card();
            } catch (BusinessException refused) {
                return refused; // answered after the commit, which keeps its count
            }
        });
        if (outcome instanceof BusinessException refused) {
            throw refused;
        }
        return (Card) outcome;
    }

    /**
     * The card the credentials prove, its row locked until the caller's transaction ends; a
     * payment code is spent (and restored if the transaction rolls back). The card code is required
     * unless a payment code is presented. A wrong secret or PIN is answered with a {@link
     * CommittedRefusal}, on which the caller's transaction must commit ({@code Idempotency.once}
     * does): this is the command's first step, so the count is all it has written.
     */
    @Transactional(propagation = Propagation.MANDATORY, noRollbackFor = CommittedRefusal.class)
    public LockedCard lock(long tenantId, CardCredentials presented, CardUse use) {
        return new LockedCard(verified(tenantId, presented, use, false).card());
    }

    /** The card proved, and whether proving it wrote to it (forgot its failures, rehashed its secret). */
    private record Proved(Card card, boolean wrote) {}

    private Proved verified(long tenantId, CardCredentials presented, CardUse use, boolean bySecretAlone) {
        if (use.payCodes != CardUse.PayCodeUse.REFUSED && PayCodes.looksLikePayCode(presented.mac())) {
            return new Proved(byPayCode(tenantId, presented, use), use.payCodes == CardUse.PayCodeUse.SPEND);
        }
        boolean wrote = false;
        StoredCard stored = find(tenantId, presented, use, bySecretAlone);
        Card card = stored.card();
        requireUnlocked(stored);
        if (use.secretRequiredFor(card)) {
            if (!presented.hasMac()) {
                throw new BusinessException(BusinessCode.NOT_ALLOWED_IN_STATE, "error.secretOrLossRequired");
            }
            if (!secrets.secretMatches(
                    presented.mac(), stored.keys().macHash(), stored.keys().macKeyVersion())) {
                throw lockout.refuse(tenantId, card, CardLockout.Key.SECRET);
            }
            if (stored.keys().macKeyVersion() != secrets.currentKeyVersion()) {
                cards.rehashSecret(tenantId, card.id(), secrets.hash(presented.mac()), secrets.currentKeyVersion());
                wrote = true;
            }
        }
        if (use.pinRequired && card.hasPin()) {
            if (!presented.hasPin()) {
                throw new BusinessException(BusinessCode.WRONG_PIN, "error.pinRequired");
            }
            if (!secrets.pinMatches(presented.pin(), stored.keys().pinHash())) {
                throw lockout.refuse(tenantId, card, CardLockout.Key.PIN);
            }
        }
        if (stored.keys().failedAttempts() > 0) {
            cards.clearFailedAttempts(tenantId, card.id());
            wrote = true;
        }
        return new Proved(card, wrote);
    }

    /** A payment code stands for the secret and the PIN, which issuing it took (op39). */
    private Card byPayCode(long tenantId, CardCredentials presented, CardUse use) {
        long cardId = use.payCodes == CardUse.PayCodeUse.SPEND
                ? payCodes.spend(tenantId, presented.mac())
                : payCodes.cardOf(tenantId, presented.mac());
        StoredCard stored =
                cards.find(tenantId, JdbcCards.Key.ID, cardId, true).orElseThrow(CardAuthentication::noSuchCard);
        if (presented.hasCode() && !presented.cardCode().equals(stored.card().code())) {
            throw noSuchCard();
        }
        requireUnlocked(stored);
        return stored.card();
    }

    /** The presented card, its row locked. */
    private StoredCard find(long tenantId, CardCredentials presented, CardUse use, boolean bySecretAlone) {
        if (use.secret == CardUse.Secret.REQUIRED && !presented.hasMac()) {
            throw BusinessException.invalid("mac", "error.required");
        }
        if (presented.hasCode()) {
            return cards.find(tenantId, JdbcCards.Key.CODE, presented.cardCode(), true)
                    .orElseThrow(CardAuthentication::noSuchCard);
        }
        if (!bySecretAlone || use.secret != CardUse.Secret.REQUIRED) {
            throw BusinessException.invalid("cardCode", "error.required");
        }
        guessing.takeTurn(tenantId);
        Optional<StoredCard> found =
                cards.find(tenantId, JdbcCards.Key.SECRET, secrets.hashesUnderEveryKey(presented.mac()), true);
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
