package com.membercard.payment;

import com.membercard.card.CardAuthentication;
import com.membercard.card.CardCredentials;
import com.membercard.card.CardUse;
import com.membercard.card.LockedCard;
import com.membercard.shared.Envelope;
import com.membercard.shared.idempotency.Idempotency;
import com.membercard.shared.idempotency.SerialRecord;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * What every money command does around its own rule: run once per serial, in one transaction, on
 * a card locked and proved by what the customer presents. A wrong secret or PIN is found and counted
 * under the lock (one round trip, no second connection), and its transaction commits just that
 * count, so five of them lock the card ({@link CardAuthentication}).
 */
@Component
class Till {

    private final Idempotency idempotency;
    private final CardAuthentication authentication;

    Till(Idempotency idempotency, CardAuthentication authentication) {
        this.idempotency = idempotency;
        this.authentication = authentication;
    }

    <T> Envelope<T> run(
            long tenantId, String operation, String serial, Object request, Class<T> resultType, Supplier<T> command) {
        return idempotency.once(tenantId, operation, serial, request, resultType, command);
    }

    /** As {@link #run}, for a command that writes the serial's record with its bill ({@link SerialRecord}). */
    <T> Envelope<T> runRecording(
            long tenantId,
            String operation,
            String serial,
            Object request,
            Class<T> resultType,
            Function<SerialRecord, T> command) {
        return idempotency.once(tenantId, operation, serial, request, resultType, command);
    }

    /** Locks the card the customer presents, proved as {@code use} asks. Inside {@link #run}. */
    LockedCard presentedCard(long tenantId, String cardCode, String mac, String pin, CardUse use) {
        return authentication.lock(tenantId, new CardCredentials(cardCode, mac, pin), use);
    }
}
