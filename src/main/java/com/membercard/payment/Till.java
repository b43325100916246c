package com.membercard.payment;

import com.membercard.card.Cards;
import com.membercard.card.PayCodes;
import com.membercard.ledger.Ledger;
import com.membercard.ledger.LockedCard;
import com.membercard.shared.BusinessCode;
import com.membercard.shared.BusinessException;
import com.membercard.shared.Envelope;
import com.membercard.shared.idempotency.Idempotency;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * What every money command does around its own rule: run once per serial, in one transaction, on
 * a card locked and proved by its secret or a payment code. A wrong secret is found under the lock
 * (one round trip, no second connection); the transaction then rolls back and the failure is
 * counted on its own, so five of them lock the card.
 */
@Component
class Till {

    private final Idempotency idempotency;
    private final Ledger ledger;
    private final Cards cards;
    private final PayCodes payCodes;

    Till(Idempotency idempotency, Ledger ledger, Cards cards, PayCodes payCodes) {
        this.idempotency = idempotency;
        this.ledger = ledger;
        this.cards = cards;
        this.payCodes = payCodes;
    }

    <T> Envelope<T> run(
            long tenantId, String operation, String serial, Object request, Class<T> resultType, Supplier<T> command) {
        try {
            return idempotency.once(tenantId, operation, serial, request, resultType, command);
        } catch (WrongSecret e) {
            throw cards.wrongSecret(tenantId, e.cardId());
        }
    }

    /**
     * Locks the card the customer presents: by code and secret, or by a payment code (spent here,
     * and restored if the command fails), when {@code allowPayCode}. Inside {@link #run}.
     */
    LockedCard open(long tenantId, String cardCode, String mac, boolean allowPayCode) {
        if (allowPayCode && PayCodes.looksLikePayCode(mac)) {
            LockedCard card = ledger.lock(tenantId, payCodes.spend(tenantId, mac));
            if (cardCode != null && !cardCode.isBlank() && !cardCode.equals(card.code())) {
                throw new BusinessException(BusinessCode.CARD_NOT_FOUND);
            }
            return card;
        }
        if (cardCode == null || cardCode.isBlank()) {
            throw BusinessException.invalid("cardCode", "error.required");
        }
        LockedCard card = ledger.lockByCode(tenantId, cardCode, cards.secretHash(mac));
        if (card.access().locked()) {
            throw new BusinessException(BusinessCode.CARD_LOCKED);
        }
        if (!card.access().secretMatches()) {
            throw new WrongSecret(card.id());
        }
        if (card.access().earlierFailures()) {
            cards.rightSecret(tenantId, card.id());
        }
        return card;
    }
}
