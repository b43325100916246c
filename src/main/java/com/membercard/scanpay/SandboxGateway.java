package com.membercard.scanpay;

import com.membercard.shared.Money;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The built-in gateway every tenant uses until it configures a real one: deterministic, by the last
 * two digits of the payment code (README "Scan pay", the sandbox's rules):
 *
 * <ul>
 *   <li>{@code 01} refused (702); {@code 06} the code is expired (704);
 *   <li>{@code 02} the customer confirms on the phone: paying, then paid at the second query;
 *   <li>{@code 03} paying and never confirmed: the budget runs out, the order is reversed (1003);
 *   <li>{@code 08} as 03, but the first reverse answers a system error (the attempt stays 703 until
 *       a later reverse succeeds);
 *   <li>{@code 04} a system error after the charge went through (703; a query finds it paid);
 *   <li>{@code 05} a system error before any charge (703; a query finds no order);
 *   <li>{@code 07} a slow answer ({@code membercard.scanpay.sandbox-slow}, 2 s), then paid;
 *   <li>{@code 09} paid, and its refunds stay "processing" until the first refund query;
 *   <li>{@code 10} paid, and its refunds are refused (the merchant account cannot pay them back);
 *   <li>anything else: paid at once.
 * </ul>
 *
 * Its orders live in memory: after a restart it knows none of them (a query answers NOT_FOUND, as a
 * channel that never received the order would).
 */
@Component
class SandboxGateway implements PaymentGateway {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private static final class Order {
        final String payCode;
        final Money money;
        final LocalDate day;
        final String transactionId;
        Status status;
        int queries;
        int reverses;
        final Map<String, Refund> refunds = new ConcurrentHashMap<>();

        Order(String payCode, Money money, LocalDate day, String transactionId, Status status) {
            this.payCode = payCode;
            this.money = money;
            this.day = day;
            this.transactionId = transactionId;
            this.status = status;
        }

        String rule() {
            return payCode.substring(payCode.length() - 2);
        }
    }

    private static final class Refund {
        final Money money;
        final LocalDate day;
        Status status;

        Refund(Money money, LocalDate day, Status status) {
            this.money = money;
            this.day = day;
            this.status = status;
        }
    }

    private final Map<String, Order> orders = new ConcurrentHashMap<>();
    /** Test hook: lines planted into a day's statement, and order numbers left out of it (reconciliation tests). */
    private final Map<LocalDate, List<StatementLine>> planted = new ConcurrentHashMap<>();

    private final java.util.Set<String> leftOut = ConcurrentHashMap.newKeySet();
    private final Clock clock;
    private final Duration slow;

    SandboxGateway(Clock clock, @Value("${membercard.scanpay.sandbox-slow:2s}") Duration slow) {
        this.clock = clock;
        this.slow = slow;
    }

    @Override
    public Answer pay(String orderNo, String payCode, Money money, String description) {
        Answer answer = charge(orderNo, payCode, money);
        if (payCode.endsWith("07")) {
            sleep(slow); // outside the lock: a slow answer holds up no other order
        }
        return answer;
    }

    private synchronized Answer charge(String orderNo, String payCode, Money money) {
        Order existing = orders.get(orderNo);
        if (existing != null) {
            return answer(existing);
        }
        String rule = payCode.substring(payCode.length() - 2);
        String txn = "SBX" + Math.abs(orderNo.hashCode()) + System.nanoTime() % 1_000_000;
        Status status = switch (rule) {
            case "01" -> Status.FAILED;
            case "06" -> Status.CODE_EXPIRED;
            case "02", "03", "08" -> Status.PAYING;
            case "05" -> null;
            default -> Status.SUCCESS;
        };
        if (status == null) {
            return Answer.unknown("SYSTEMERROR");
        }
        Order order = new Order(payCode, money, LocalDate.now(clock.withZone(CHINA)), txn, status);
        orders.put(orderNo, order);
        if (rule.equals("04")) {
            return Answer.unknown("SYSTEMERROR");
        }
        return answer(order);
    }

    @Override
    public synchronized Answer query(String orderNo) {
        Order order = orders.get(orderNo);
        if (order == null) {
            return Answer.of(Status.NOT_FOUND);
        }
        order.queries++;
        if (order.status == Status.PAYING && order.rule().equals("02") && order.queries >= 2) {
            order.status = Status.SUCCESS;
        }
        return answer(order);
    }

    @Override
    public synchronized Answer reverse(String orderNo) {
        Order order = orders.get(orderNo);
        if (order == null) {
            return Answer.of(Status.SUCCESS);
        }
        order.reverses++;
        if (order.rule().equals("08") && order.reverses == 1) {
            return Answer.unknown("SYSTEMERROR");
        }
        if (order.status != Status.FAILED && order.status != Status.CODE_EXPIRED) {
            order.status = Status.REVERSED;
        }
        return Answer.of(Status.SUCCESS);
    }

    @Override
    public synchronized Answer refund(String orderNo, String refundNo, Money total, Money money) {
        Order order = orders.get(orderNo);
        if (order == null || order.status != Status.SUCCESS) {
            return new Answer(Status.FAILED, null, "ORDER_NOT_PAID");
        }
        Refund existing = order.refunds.get(refundNo);
        if (existing != null) {
            return new Answer(existing.status, refundNo, null);
        }
        Money refunded = order.refunds.values().stream()
                .filter(r -> r.status != Status.FAILED)
                .map(r -> r.money)
                .reduce(Money.ZERO, Money::plus);
        if (refunded.plus(money).compareTo(order.money) > 0) {
            return new Answer(Status.FAILED, null, "REFUND_FEE_INVALID");
        }
        if (order.rule().equals("10")) {
            order.refunds.put(refundNo, new Refund(money, LocalDate.now(clock.withZone(CHINA)), Status.FAILED));
            return new Answer(Status.FAILED, null, "NOTENOUGH");
        }
        Status status = order.rule().equals("09") ? Status.PAYING : Status.SUCCESS;
        order.refunds.put(refundNo, new Refund(money, LocalDate.now(clock.withZone(CHINA)), status));
        return new Answer(status == Status.PAYING ? Status.UNKNOWN : status, refundNo, null);
    }

    @Override
    public synchronized Answer refundQuery(String orderNo, String refundNo) {
        Order order = orders.get(orderNo);
        Refund refund = order == null ? null : order.refunds.get(refundNo);
        if (refund == null) {
            return Answer.of(Status.NOT_FOUND);
        }
        if (refund.status == Status.PAYING) {
            refund.status = Status.SUCCESS;
        }
        return new Answer(refund.status, refundNo, null);
    }

    /** Test hook: the statement of {@code day} will also list {@code line}. */
    void plant(LocalDate day, StatementLine line) {
        planted.computeIfAbsent(day, d -> new java.util.concurrent.CopyOnWriteArrayList<>())
                .add(line);
    }

    /** Test hook: the statements will not list order {@code orderNo} (nor its refunds). */
    void leaveOut(String orderNo) {
        leftOut.add(orderNo);
    }

    @Override
    public synchronized List<StatementLine> statement(LocalDate day) {
        List<StatementLine> lines = new ArrayList<>(planted.getOrDefault(day, List.of()));
        orders.forEach((orderNo, order) -> {
            if (leftOut.contains(orderNo)) {
                return;
            }
            if (order.day.equals(day) && order.status == Status.SUCCESS) {
                lines.add(new StatementLine(orderNo, null, order.transactionId, order.money));
            }
            order.refunds.forEach((refundNo, refund) -> {
                if (refund.day.equals(day) && refund.status == Status.SUCCESS) {
                    lines.add(new StatementLine(orderNo, refundNo, order.transactionId, refund.money.negate()));
                }
            });
        });
        return lines;
    }

    private static Answer answer(Order order) {
        return new Answer(order.status, order.status == Status.SUCCESS ? order.transactionId : null, null);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
