package com.membercard.scanpay;

import com.membercard.scanpay.Attempts.Attempt;
import com.membercard.scanpay.Attempts.Kind;
import com.membercard.scanpay.PaymentGateway.Answer;
import com.membercard.scanpay.PaymentGateway.Status;
import com.membercard.shared.BusinessCode;
import com.membercard.shared.BusinessException;
import com.membercard.shared.Money;
import com.membercard.tenancy.Actor;
import com.membercard.tenancy.Shop;
import com.membercard.tenancy.ShopManagement;
import com.membercard.tenancy.TenantDirectory;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * op25 pay and op28 query, and the follow-up of what stayed open. Each call to a gateway is two
 * phases (CONVENTIONS.md): the attempt is written pending and committed, the gateway is called with
 * no transaction open, and its answer is appended as an outcome in a new transaction. The payment
 * code itself is never stored or logged (its last four digits are).
 */
@Service
public class ScanPayments {

    private static final Logger log = LoggerFactory.getLogger(ScanPayments.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** An answer of op25/op28: its business code and data. */
    public record Outcome(BusinessCode code, ScanPayResult data) {}

    private final Attempts attempts;
    private final Gateways gateways;
    private final ScanPayTimings timings;
    private final TransactionTemplate transactions;
    private final TenantDirectory tenants;
    private final ShopManagement shops;
    private final Clock clock;

    ScanPayments(
            Attempts attempts,
            Gateways gateways,
            ScanPayTimings timings,
            TransactionTemplate transactions,
            TenantDirectory tenants,
            ShopManagement shops,
            Clock clock) {
        this.attempts = attempts;
        this.gateways = gateways;
        this.timings = timings;
        this.transactions = transactions;
        this.tenants = tenants;
        this.shops = shops;
        this.clock = clock;
    }

    /** op25: charges {@code money} to the customer's payment code for order {@code orderCode}. */
    public Outcome pay(long tenantId, Actor actor, String payCode, String orderCode, Money money) {
        Wallet wallet =
                Wallet.ofPayCode(payCode).orElseThrow(() -> BusinessException.invalid("payCode", "error.payCode"));
        LocalDate businessDate = businessDate(tenantId, actor);
        // phase 1: the attempt, committed before the gateway hears of it
        Object first = transactions.execute(status -> {
            attempts.lockOrder(tenantId, Kind.PAY, orderCode);
            List<Attempt> earlier = attempts.ofOrder(tenantId, Kind.PAY, orderCode);
            Optional<Attempt> standing = earlier.stream()
                    .filter(a -> a.open() || a.status() == Attempts.PAID)
                    .findFirst();
            if (standing.isPresent()) {
                Attempt attempt = standing.get();
                if (!attempt.money().equals(money)) {
                    throw new BusinessException(BusinessCode.CONFLICT, "error.serialReused");
                }
                return attempt.status() != null && attempt.status() == Attempts.PAID
                        ? new Outcome(BusinessCode.DUPLICATE_SERIAL, result(attempt))
                        : new Outcome(BusinessCode.PAYMENT_UNKNOWN, result(attempt));
            }
            String gateway = gateways.current(tenantId, wallet);
            return attempts.insert(
                    tenantId,
                    Kind.PAY,
                    orderCode,
                    payCode,
                    wallet.paymentType(),
                    money,
                    actor,
                    businessDate,
                    gateway,
                    newOrderNo("P", tenantId),
                    null);
        });
        if (first instanceof Outcome answered) {
            return answered;
        }
        Attempt attempt = attempts.byId(tenantId, (Long) first).orElseThrow();
        // phase 2: the gateway, outside any transaction
        PaymentGateway gateway = gateways.named(tenantId, attempt.gateway());
        Answer answer = call(() -> gateway.pay(attempt.gatewayOrderNo(), payCode, money, "order " + orderCode));
        long deadline = System.nanoTime() + timings.pollBudget.toNanos();
        while (answer.status() == Status.PAYING && System.nanoTime() < deadline) {
            sleep(timings.pollInterval);
            Answer polled = call(() -> gateway.query(attempt.gatewayOrderNo()));
            if (polled.status() != Status.UNKNOWN) {
                answer = polled;
            }
        }
        if (answer.status() == Status.PAYING) {
            answer = reverseAfterTimeout(gateway, attempt);
        }
        // phase 3: the outcome
        return settle(attempt, answer);
    }

    /**
     * op28: the state of order {@code orderCode}'s newest attempt, after asking the gateway when it
     * is still open: 701 paid, 702 failed, 703 still unknown, 1003 timed out and reversed.
     */
    public Outcome query(long tenantId, String orderCode) {
        List<Attempt> all = attempts.ofOrder(tenantId, Kind.PAY, orderCode);
        if (all.isEmpty()) {
            throw BusinessException.notFound("entity.scanPayment");
        }
        Attempt attempt = all.stream()
                .filter(a -> a.status() != null && a.status() == Attempts.PAID)
                .findFirst()
                .orElse(all.get(all.size() - 1));
        if (attempt.open()) {
            attempt = followUp(attempt);
        }
        int status = attempt.status() == null ? Attempts.UNKNOWN : attempt.status();
        BusinessCode code = switch (status) {
            case Attempts.PAID -> BusinessCode.PAYMENT_SUCCEEDED;
            case Attempts.REVERSED -> BusinessCode.PAYMENT_TIMED_OUT;
            case Attempts.UNKNOWN -> BusinessCode.PAYMENT_UNKNOWN;
            default -> BusinessCode.PAYMENT_FAILED;
        };
        return new Outcome(code, result(attempt));
    }

    /**
     * Asks the gateway about an open payment attempt and settles it when the answer allows: paid;
     * refused; never there (reversed first, so that nothing can still charge); still paying or
     * unknown past the polling budget: reversed. Answers the attempt as it is afterwards.
     */
    Attempt followUp(Attempt attempt) {
        PaymentGateway gateway = gateways.named(attempt.tenantId(), attempt.gateway());
        boolean pastBudget = attempt.createdAt().plus(timings.pollBudget).isBefore(OffsetDateTime.now(clock));
        Answer answer = call(() -> gateway.query(attempt.gatewayOrderNo()));
        switch (answer.status()) {
            case PAYING, UNKNOWN -> {
                if (pastBudget) {
                    answer = reverseAfterTimeout(gateway, attempt);
                }
            }
            case NOT_FOUND -> {
                if (pastBudget) {
                    Answer reversed = call(() -> gateway.reverse(attempt.gatewayOrderNo()));
                    answer = reversed.status() == Status.SUCCESS
                            ? new Answer(Status.FAILED, null, "ORDERNOTEXIST")
                            : Answer.unknown(reversed.message());
                } else {
                    answer = Answer.unknown("ORDERNOTEXIST");
                }
            }
            default -> {}
        }
        settle(attempt, answer);
        return attempts.byId(attempt.tenantId(), attempt.id()).orElseThrow();
    }

    private Answer reverseAfterTimeout(PaymentGateway gateway, Attempt attempt) {
        Answer reversed = call(() -> gateway.reverse(attempt.gatewayOrderNo()));
        return reversed.status() == Status.SUCCESS
                ? new Answer(Status.REVERSED, null, "timed out, reversed")
                : Answer.unknown("timed out, reverse failed: " + reversed.message());
    }

    /** Appends the outcome under the order's lock, unless another caller settled the attempt first. */
    private Outcome settle(Attempt attempt, Answer answer) {
        int status = switch (answer.status()) {
            case SUCCESS -> Attempts.PAID;
            case FAILED, NOT_FOUND -> Attempts.FAILED;
            case CODE_EXPIRED -> Attempts.CODE_EXPIRED;
            case REVERSED -> Attempts.REVERSED;
            case PAYING, UNKNOWN -> Attempts.UNKNOWN;
        };
        Attempt settled = transactions.execute(tx -> {
            attempts.lockOrder(attempt.tenantId(), attempt.kind(), attempt.orderCode());
            Attempt now = attempts.byId(attempt.tenantId(), attempt.id()).orElseThrow();
            if (!now.open()) {
                return now;
            }
            OffsetDateTime next = status == Attempts.UNKNOWN
                    ? OffsetDateTime.now(clock).plus(timings.backoff(now.checks() + 1))
                    : null;
            attempts.settle(attempt.tenantId(), attempt.id(), status, answer.transactionId(), answer.message(), next);
            if (status == Attempts.UNKNOWN) {
                log.warn(
                        "Scan payment attempt {} of tenant {} is unknown at the gateway ({})",
                        attempt.id(),
                        attempt.tenantId(),
                        answer.message());
            }
            return attempts.byId(attempt.tenantId(), attempt.id()).orElseThrow();
        });
        BusinessCode code = switch (settled.status()) {
            case Attempts.PAID -> BusinessCode.SUCCESS;
            case Attempts.FAILED -> BusinessCode.PAYMENT_FAILED;
            case Attempts.CODE_EXPIRED -> BusinessCode.SCAN_CODE_EXPIRED;
            case Attempts.REVERSED -> BusinessCode.PAYMENT_TIMED_OUT;
            default -> BusinessCode.PAYMENT_UNKNOWN;
        };
        return new Outcome(code, result(settled));
    }

    private static ScanPayResult result(Attempt attempt) {
        return new ScanPayResult(attempt.paymentType(), attempt.transactionId());
    }

    /** A gateway that throws (a bug, a broken connection) has given no answer that can be trusted. */
    static Answer call(java.util.function.Supplier<Answer> call) {
        try {
            Answer answer = call.get();
            return answer == null ? Answer.unknown("no answer") : answer;
        } catch (RuntimeException e) {
            log.warn("Payment gateway call failed: {}", e.getClass().getSimpleName());
            return Answer.unknown(e.getClass().getSimpleName());
        }
    }

    LocalDate businessDate(long tenantId, Actor actor) {
        LocalDate today = LocalDate.now(clock.withZone(tenants.zoneOf(tenantId)));
        Optional<Shop> shop = actor.shopId() == null ? Optional.empty() : shops.find(tenantId, actor.shopId());
        return shop.map(s -> s.openDay(today)).orElse(today);
    }

    /** Our number at the gateway: at most 32 characters of [A-Za-z0-9], unique. */
    static String newOrderNo(String prefix, long tenantId) {
        StringBuilder number = new StringBuilder(prefix).append(tenantId).append('x');
        while (number.length() < 30) {
            number.append(Character.forDigit(RANDOM.nextInt(36), 36));
        }
        return number.toString().toUpperCase(java.util.Locale.ROOT);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
