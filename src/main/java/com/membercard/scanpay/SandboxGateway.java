package com.membercard.scanpay;

import com.membercard.shared.Money;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
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
 * A reverse of an order it never had closes that order number, so a payment arriving late under it
 * is not charged (as WeChat's ORDERCLOSED). Its books (orders and refunds) are kept in its own tables ({@link SandboxBooks}) and outlive the
 * service's restarts; each change is written before the sandbox answers, and kept in memory only
 * once written. {@code membercard.scanpay.sandbox-faults} (0 to 1, default 0: none) makes that
 * share of its answers faulty at random, in three equal parts: a system error before anything
 * happens, a slow answer, and a lost answer (the call took effect, the answer says "unknown"), for
 * the bank workload.
 */
@Component
class SandboxGateway implements PaymentGateway {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** An order at the sandbox; replaced, never changed, so that memory follows the books. */
    record Order(
            String rule, Money money, LocalDate day, String transactionId, Status status, int queries, int reverses) {

        Order with(Status newStatus, int newQueries, int newReverses) {
            return new Order(rule, money, day, transactionId, newStatus, newQueries, newReverses);
        }
    }

    record Refund(Money money, LocalDate day, Status status) {}

    private final Map<String, Order> orders = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Refund>> refunds = new ConcurrentHashMap<>();
    /** Test hook: lines planted into a day's statement, and order numbers left out of it (reconciliation tests). */
    private final Map<LocalDate, List<StatementLine>> planted = new ConcurrentHashMap<>();

    private final Set<String> leftOut = ConcurrentHashMap.newKeySet();
    private final Clock clock;
    private final Duration slow;
    private final SandboxBooks books;
    private final double faults;
    private final Random random = new Random();
    private boolean loaded;

    @Autowired
    SandboxGateway(
            Clock clock,
            @Value("${membercard.scanpay.sandbox-slow:2s}") Duration slow,
            SandboxBooks books,
            @Value("${membercard.scanpay.sandbox-faults:0}") double faults) {
        this.clock = clock;
        this.slow = slow;
        this.books = books;
        this.faults = faults;
    }

    /** A sandbox with its books in memory only, and no faults (the unit test of its rules). */
    SandboxGateway(Clock clock, Duration slow) {
        this(clock, slow, null, 0);
    }

    @Override
    public Answer pay(String orderNo, String payCode, Money money, String description) {
        return faulty(() -> {
            Answer answer = charge(orderNo, payCode, money);
            if (payCode.endsWith("07")) {
                sleep(slow); // outside the lock: a slow answer holds up no other order
            }
            return answer;
        });
    }

    private synchronized Answer charge(String orderNo, String payCode, Money money) {
        load();
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
        Order order = keep(orderNo, new Order(rule, money, today(), txn, status, 0, 0));
        if (rule.equals("04")) {
            return Answer.unknown("SYSTEMERROR");
        }
        return answer(order);
    }

    @Override
    public Answer query(String orderNo) {
        return faulty(() -> queried(orderNo));
    }

    private synchronized Answer queried(String orderNo) {
        load();
        Order order = orders.get(orderNo);
        if (order == null) {
            return Answer.of(Status.NOT_FOUND);
        }
        int queries = order.queries() + 1;
        Status status = order.status() == Status.PAYING && order.rule().equals("02") && queries >= 2
                ? Status.SUCCESS
                : order.status();
        return answer(keep(orderNo, order.with(status, queries, order.reverses())));
    }

    @Override
    public Answer reverse(String orderNo) {
        return faulty(() -> reversed(orderNo));
    }

    private synchronized Answer reversed(String orderNo) {
        load();
        Order order = orders.get(orderNo);
        if (order == null) {
            // the number is closed, as the channels do: a payment arriving late under it is refused
            keep(orderNo, new Order("--", Money.ZERO, today(), "", Status.REVERSED, 0, 1));
            return Answer.of(Status.SUCCESS);
        }
        int reverses = order.reverses() + 1;
        if (order.rule().equals("08") && reverses == 1) {
            keep(orderNo, order.with(order.status(), order.queries(), reverses));
            return Answer.unknown("SYSTEMERROR");
        }
        Status status = order.status() == Status.FAILED || order.status() == Status.CODE_EXPIRED
                ? order.status()
                : Status.REVERSED;
        keep(orderNo, order.with(status, order.queries(), reverses));
        return Answer.of(Status.SUCCESS);
    }

    @Override
    public Answer refund(String orderNo, String refundNo, Money total, Money money) {
        return faulty(() -> refunded(orderNo, refundNo, money));
    }

    private synchronized Answer refunded(String orderNo, String refundNo, Money money) {
        load();
        Order order = orders.get(orderNo);
        if (order == null || order.status() != Status.SUCCESS) {
            return new Answer(Status.FAILED, null, "ORDER_NOT_PAID");
        }
        Map<String, Refund> ofOrder = refunds.getOrDefault(orderNo, Map.of());
        Refund existing = ofOrder.get(refundNo);
        if (existing != null) {
            return new Answer(existing.status() == Status.PAYING ? Status.UNKNOWN : existing.status(), refundNo, null);
        }
        Money refunded = ofOrder.values().stream()
                .filter(r -> r.status() != Status.FAILED)
                .map(Refund::money)
                .reduce(Money.ZERO, Money::plus);
        if (refunded.plus(money).compareTo(order.money()) > 0) {
            return new Answer(Status.FAILED, null, "REFUND_FEE_INVALID");
        }
        if (order.rule().equals("10")) {
            keep(orderNo, refundNo, new Refund(money, today(), Status.FAILED));
            return new Answer(Status.FAILED, null, "NOTENOUGH");
        }
        Status status = order.rule().equals("09") ? Status.PAYING : Status.SUCCESS;
        keep(orderNo, refundNo, new Refund(money, today(), status));
        return new Answer(status == Status.PAYING ? Status.UNKNOWN : status, refundNo, null);
    }

    @Override
    public Answer refundQuery(String orderNo, String refundNo) {
        return faulty(() -> refundQueried(orderNo, refundNo));
    }

    private synchronized Answer refundQueried(String orderNo, String refundNo) {
        load();
        Refund refund = refunds.getOrDefault(orderNo, Map.of()).get(refundNo);
        if (refund == null) {
            return Answer.of(Status.NOT_FOUND);
        }
        if (refund.status() == Status.PAYING) {
            refund = keep(orderNo, refundNo, new Refund(refund.money(), refund.day(), Status.SUCCESS));
        }
        return new Answer(refund.status(), refundNo, null);
    }

    /** Test hook: the statement of {@code day} will also list {@code line}. */
    void plant(LocalDate day, StatementLine line) {
        planted.computeIfAbsent(day, d -> new CopyOnWriteArrayList<>()).add(line);
    }

    /** Test hook: the statements will not list order {@code orderNo} (nor its refunds). */
    void leaveOut(String orderNo) {
        leftOut.add(orderNo);
    }

    @Override
    public synchronized List<StatementLine> statement(LocalDate day) {
        load();
        List<StatementLine> lines = new ArrayList<>(planted.getOrDefault(day, List.of()));
        orders.forEach((orderNo, order) -> {
            if (leftOut.contains(orderNo)) {
                return;
            }
            if (order.day().equals(day) && order.status() == Status.SUCCESS) {
                lines.add(new StatementLine(orderNo, null, order.transactionId(), order.money()));
            }
            refunds.getOrDefault(orderNo, Map.of()).forEach((refundNo, refund) -> {
                if (refund.day().equals(day) && refund.status() == Status.SUCCESS) {
                    lines.add(new StatementLine(
                            orderNo,
                            refundNo,
                            order.transactionId(),
                            refund.money().negate()));
                }
            });
        });
        return lines;
    }

    /** Writes the order to the books, then keeps it in memory: memory never holds what the books lost. */
    private Order keep(String orderNo, Order order) {
        if (books != null) {
            books.save(orderNo, order);
        }
        orders.put(orderNo, order);
        return order;
    }

    private Refund keep(String orderNo, String refundNo, Refund refund) {
        if (books != null) {
            books.save(orderNo, refundNo, refund);
        }
        refunds.computeIfAbsent(orderNo, o -> new ConcurrentHashMap<>()).put(refundNo, refund);
        return refund;
    }

    /** Reads the books once, at the first call (the database is migrated by then). */
    private void load() {
        if (loaded || books == null) {
            return;
        }
        orders.putAll(books.orders());
        books.refunds().forEach((orderNo, ofOrder) -> refunds.put(orderNo, new ConcurrentHashMap<>(ofOrder)));
        loaded = true;
    }

    /** A share {@link #faults} of the calls answer badly: an error before, a slow answer, or a lost one. */
    private Answer faulty(Supplier<Answer> call) {
        double roll = faults > 0 ? random.nextDouble() : 1;
        if (roll < faults / 3) {
            return Answer.unknown("SYSTEMERROR");
        }
        if (roll < faults * 2 / 3) {
            sleep(slow);
            return call.get();
        }
        Answer answer = call.get();
        return roll < faults ? Answer.unknown("TIMEOUT") : answer;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(CHINA));
    }

    private static Answer answer(Order order) {
        return new Answer(order.status(), order.status() == Status.SUCCESS ? order.transactionId() : null, null);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
