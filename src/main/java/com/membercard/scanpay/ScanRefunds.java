package com.membercard.scanpay;

import com.membercard.scanpay.Attempts.Attempt;
import com.membercard.scanpay.Attempts.Kind;
import com.membercard.scanpay.PaymentGateway.Answer;
import com.membercard.scanpay.PaymentGateway.Status;
import com.membercard.scanpay.ScanPayments.Outcome;
import com.membercard.shared.BusinessCode;
import com.membercard.shared.BusinessException;
import com.membercard.shared.Money;
import com.membercard.tenancy.Actor;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * op26: refunds of a paid scan payment, whole or in parts. Each refund is an attempt of its own
 * (kind REFUND, {@code paid_attempt_id} the payment) with our own refund number, which the gateway
 * takes as its idempotency key, so a refund sent again (by the janitor, after a crash) can never
 * pay back twice. Two phases as op25: the attempt is written and committed, then the gateway is
 * called with no transaction open, then its answer is appended. A refund the gateway leaves
 * pending or unknown stays 703 until the janitor (or the same request again) learns its outcome.
 */
@Service
public class ScanRefunds {

    private static final Logger log = LoggerFactory.getLogger(ScanRefunds.class);

    private final Attempts attempts;
    private final Gateways gateways;
    private final ScanPayments payments;
    private final ScanPayTimings timings;
    private final RechargeClaims claims;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ScanRefunds(
            Attempts attempts,
            Gateways gateways,
            ScanPayments payments,
            ScanPayTimings timings,
            RechargeClaims claims,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            Clock clock) {
        this.attempts = attempts;
        this.gateways = gateways;
        this.payments = payments;
        this.timings = timings;
        this.claims = claims;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    /** What phase 1 decided: an answer at once, a refund to send, or an open refund to ask after. */
    private record Step(Outcome answered, Long newAttemptId, Attempt open) {}

    /**
     * op26: refunds {@code money} of order {@code orderCode}'s scan payment. {@code serial} is the
     * refund's serial (the order code when the till sends no {@code timestamp}: one refund per
     * order); the same serial again answers the first refund (801), or 409 for other content.
     */
    public Outcome refund(long tenantId, Actor actor, String payCode, String orderCode, String serial, Money money) {
        Optional<Wallet> presented = Optional.empty();
        if (payCode != null && !payCode.isBlank()) {
            presented = Optional.of(
                    Wallet.ofPayCode(payCode).orElseThrow(() -> BusinessException.invalid("payCode", "error.payCode")));
        }
        Optional<Wallet> wallet = presented;
        Step step = transactions.execute(tx -> {
            // the payment's lock first (the sum of its refunds), then the refund serial's
            attempts.lockOrder(tenantId, Kind.PAY, orderCode);
            attempts.lockOrder(tenantId, Kind.REFUND, serial);
            Attempt paid = paidAttempt(tenantId, orderCode);
            if (wallet.isPresent() && wallet.get().paymentType() != paid.paymentType()) {
                throw BusinessException.invalid("payCode", "error.payCodeOtherWallet");
            }
            for (Attempt earlier : attempts.ofOrder(tenantId, Kind.REFUND, serial)) {
                if (!Long.valueOf(paid.id()).equals(earlier.paidAttemptId())
                        || !earlier.money().equals(money)) {
                    throw new BusinessException(BusinessCode.CONFLICT, "error.serialReused");
                }
                if (earlier.open()) {
                    return new Step(null, null, earlier);
                }
                if (earlier.status() == Attempts.PAID) {
                    return new Step(new Outcome(BusinessCode.DUPLICATE_SERIAL, result(earlier)), null, null);
                }
                // a failed refund changed nothing: the serial may be tried again
            }
            if (claims.isClaimed(tenantId, paid.id())) {
                throw new BusinessException(BusinessCode.SCAN_PAYMENT_ON_CARD);
            }
            requireRefundable(tenantId, paid, money);
            return new Step(
                    null,
                    insertRefund(
                            tenantId, Kind.REFUND, serial, paid, money, actor, payments.businessDate(tenantId, actor)),
                    null);
        });
        if (step.answered() != null) {
            return step.answered();
        }
        if (step.open() != null) {
            // the same refund again while it is open: ask after it; settled now, it is a replay (801)
            Outcome now = answer(followUp(step.open()));
            return now.code() == BusinessCode.SUCCESS ? new Outcome(BusinessCode.DUPLICATE_SERIAL, now.data()) : now;
        }
        return answer(send(attempts.byId(tenantId, step.newAttemptId()).orElseThrow()));
    }

    /** The order's paid attempt: 404 when the order is unknown, 703 while it is open, 612 when nothing was paid. */
    Attempt paidAttempt(long tenantId, String orderCode) {
        List<Attempt> all = attempts.ofOrder(tenantId, Kind.PAY, orderCode);
        if (all.isEmpty()) {
            throw BusinessException.notFound("entity.scanPayment");
        }
        return all.stream()
                .filter(a -> a.status() != null && a.status() == Attempts.PAID)
                .findFirst()
                .orElseThrow(() -> all.stream().anyMatch(Attempt::open)
                        ? new BusinessException(BusinessCode.PAYMENT_UNKNOWN)
                        : new BusinessException(BusinessCode.REFUND_EXCEEDS_PAID));
    }

    /**
     * 612 unless {@code money} fits in what the payment has left: its money less every refund not
     * failed, the open ones included (an unknown refund may yet have paid back).
     */
    void requireRefundable(long tenantId, Attempt paid, Money money) {
        Money taken = attempts.refundsOf(tenantId, paid.id()).stream()
                .filter(r -> r.status() == null || r.status() != Attempts.FAILED)
                .map(Attempt::money)
                .reduce(Money.ZERO, Money::plus);
        if (taken.plus(money).compareTo(paid.money()) > 0) {
            throw new BusinessException(BusinessCode.REFUND_EXCEEDS_PAID);
        }
        if (!gateways.configuredNames(tenantId).contains(paid.gateway())) {
            throw new BusinessException(BusinessCode.GATEWAY_NOT_CONFIGURED);
        }
    }

    /** Writes a refund attempt of {@code paid} (pending), inside the caller's transaction. */
    long insertRefund(
            long tenantId, Kind kind, String serial, Attempt paid, Money money, Actor actor, LocalDate businessDate) {
        return attempts.insert(
                tenantId,
                kind,
                serial,
                null,
                paid.paymentType(),
                money,
                actor,
                businessDate,
                paid.gateway(),
                ScanPayments.newOrderNo("R", tenantId),
                paid.id());
    }

    /** Phase 2 and 3 of a written refund: the gateway, outside any transaction, then the outcome. */
    Attempt send(Attempt refund) {
        Attempt paid = attempts.byId(refund.tenantId(), refund.paidAttemptId()).orElseThrow();
        PaymentGateway gateway = gateways.named(refund.tenantId(), refund.gateway());
        Answer answer = ScanPayments.call(
                () -> gateway.refund(paid.gatewayOrderNo(), refund.gatewayOrderNo(), paid.money(), refund.money()));
        return settle(refund, answer);
    }

    /**
     * Asks the gateway after an open refund and settles it when the answer allows. A refund the
     * gateway never received (the service stopped before sending it) is sent again under the same
     * refund number: the gateway's idempotency key makes that safe.
     */
    Attempt followUp(Attempt refund) {
        Attempt paid = attempts.byId(refund.tenantId(), refund.paidAttemptId()).orElseThrow();
        PaymentGateway gateway = gateways.named(refund.tenantId(), refund.gateway());
        Answer answer = ScanPayments.call(() -> gateway.refundQuery(paid.gatewayOrderNo(), refund.gatewayOrderNo()));
        if (answer.status() == Status.NOT_FOUND) {
            answer = ScanPayments.call(
                    () -> gateway.refund(paid.gatewayOrderNo(), refund.gatewayOrderNo(), paid.money(), refund.money()));
        }
        return settle(refund, answer);
    }

    /**
     * Appends the refund's outcome under its serial's lock, unless another caller settled it first:
     * refunded (701), refused (702), or still unknown (703, asked again after the backoff).
     */
    private Attempt settle(Attempt refund, Answer answer) {
        int status = switch (answer.status()) {
            case SUCCESS -> Attempts.PAID;
            case FAILED -> Attempts.FAILED;
            default -> Attempts.UNKNOWN;
        };
        return transactions.execute(tx -> {
            attempts.lockOrder(refund.tenantId(), refund.kind(), refund.orderCode());
            Attempt now = attempts.byId(refund.tenantId(), refund.id()).orElseThrow();
            if (!now.open()) {
                return now;
            }
            OffsetDateTime next = status == Attempts.UNKNOWN
                    ? OffsetDateTime.now(clock).plus(timings.backoff(now.checks() + 1))
                    : null;
            attempts.settle(refund.tenantId(), refund.id(), status, answer.transactionId(), answer.message(), next);
            if (status == Attempts.UNKNOWN) {
                log.warn(
                        "Scan refund attempt {} of tenant {} is unknown at the gateway ({})",
                        refund.id(),
                        refund.tenantId(),
                        answer.message());
            }
            Attempt settled = attempts.byId(refund.tenantId(), refund.id()).orElseThrow();
            if (settled.status() == Attempts.FAILED && settled.kind() == Kind.BALANCE_REFUND) {
                // the part's money goes back on the card in this same commit: never both, never neither
                events.publishEvent(new OnlineRefundFailed(settled.tenantId(), settled.orderCode(), settled.money()));
            }
            return settled;
        });
    }

    private static Outcome answer(Attempt refund) {
        int status = refund.status() == null ? Attempts.UNKNOWN : refund.status();
        BusinessCode code = switch (status) {
            case Attempts.PAID -> BusinessCode.SUCCESS;
            case Attempts.FAILED -> BusinessCode.PAYMENT_FAILED;
            default -> BusinessCode.PAYMENT_UNKNOWN;
        };
        return new Outcome(code, result(refund));
    }

    private static ScanPayResult result(Attempt attempt) {
        return new ScanPayResult(attempt.paymentType(), attempt.transactionId());
    }
}
