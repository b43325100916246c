package com.membercard.card;

import com.membercard.shared.Envelope;
import com.membercard.shared.idempotency.Idempotency;
import com.membercard.tenancy.Actor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The card state commands with their serial rules: report a loss (op33), cancel it (op34), void a
 * card (op36). The API's {@code CardController} and the admin console's member page both run them
 * here, so each rule is written once.
 */
@Service
public class CardStates {

    private final Cards cards;
    private final CardAuthentication authentication;
    private final CardLifecycle lifecycle;
    private final Idempotency idempotency;
    private final TransactionTemplate transactions;

    CardStates(
            Cards cards,
            CardAuthentication authentication,
            CardLifecycle lifecycle,
            Idempotency idempotency,
            TransactionTemplate transactions) {
        this.cards = cards;
        this.authentication = authentication;
        this.lifecycle = lifecycle;
        this.idempotency = idempotency;
        this.transactions = transactions;
    }

    /** op33: no secret needed; {@code timestamp} is the serial. */
    public Envelope<Void> reportLoss(long tenantId, Actor actor, CardCommands.ReportLoss request) {
        Card card = cards.byCode(tenantId, request.cardCode()).orElseThrow(Cards::noSuchCard);
        return idempotency.once(tenantId, "REPORT_LOSS", request.timestamp(), request, Void.class, () -> {
            lifecycle.reportLoss(tenantId, card.id(), actor, request.timestamp(), request.remark());
            return null;
        });
    }

    /** op34: the card's secret proves it is back in the member's hands. */
    public Envelope<Void> cancelLoss(long tenantId, Actor actor, CardCommands.CancelLoss request) {
        Card card = authentication.authenticate(
                tenantId, CardCredentials.of(request.cardCode(), request.mac()), CardUse.READ);
        return idempotency.once(tenantId, "CANCEL_LOSS", request.timestamp(), request, Void.class, () -> {
            lifecycle.cancelLoss(tenantId, card.id(), actor, request.timestamp(), request.remark());
            return null;
        });
    }

    /** op36: refused (611) while the card holds real balance; a serial, when given, makes a retry 801. */
    public Envelope<Void> voidCard(long tenantId, Actor actor, CardCommands.VoidCard request) {
        Card card = cards.byCode(tenantId, request.cardCode()).orElseThrow(Cards::noSuchCard);
        Runnable voidIt = () -> lifecycle.voidCard(tenantId, card.id(), actor, request.timestamp(), request.remark());
        if (request.timestamp() == null) {
            transactions.executeWithoutResult(status -> voidIt.run());
            return Envelope.ok();
        }
        return idempotency.once(tenantId, "VOID_CARD", request.timestamp(), request, Void.class, () -> {
            voidIt.run();
            return null;
        });
    }
}
