package com.membercard.reliability.bank;

import com.membercard.reliability.bank.Operation.Intent;
import com.membercard.reliability.bank.Operation.Kind;
import com.membercard.reliability.bank.Operation.Outcome;
import com.membercard.shared.Money;
import com.membercard.support.Api;
import com.membercard.support.Fixtures;
import com.membercard.support.TillFixture.TestCard;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One till: random money operations on random cards, each with a serial of its own. Like a real
 * POS it sends a request again, with the same serial, whenever it got no answer (connection
 * refused or reset, timeout, a 5xx) until one comes: 200 or 801 acknowledges, a business code
 * refuses.
 */
final class TillClient implements Callable<Void> {

    /** How long a till keeps trying one request: longer than any restart. */
    static final Duration PATIENCE = Duration.ofMinutes(3);

    /** Scan pay's answers from the gateway: refused, unknown, timed out and reversed. */
    private static final java.util.Set<Integer> GATEWAY_ANSWERS = java.util.Set.of(702, 703, 1003);

    /** Refunds of one order, tried at most. */
    private static final int REFUNDS_PER_ORDER = 5;

    private final Bank bank;
    private final BooleanSupplier going;
    private final BooleanSupplier databaseDown;
    private final Random random;

    /**
     * @param going whether to start another operation (the one under way is always finished)
     * @param databaseDown whether the database is being killed, when a 503 is to be expected
     */
    TillClient(Bank bank, BooleanSupplier going, BooleanSupplier databaseDown, long seed) {
        this.bank = bank;
        this.going = going;
        this.databaseDown = databaseDown;
        this.random = new Random(seed);
    }

    @Override
    public Void call() throws InterruptedException {
        while (going.getAsBoolean()) {
            next();
        }
        return null;
    }

    /** Funds a new card before the run: its opening balance. */
    Api.Response fund(TestCard card) throws InterruptedException {
        return recharge(Kind.OPENING, card, fen(20_000, 100_000), fen(0, 10_000));
    }

    private void next() throws InterruptedException {
        TestCard card = bank.cards.get(random.nextInt(bank.cards.size()));
        int roll = random.nextInt(100);
        if (roll < 12) {
            recharge(Kind.RECHARGE, card, fen(1_000, 30_000), fen(0, 3_000));
        } else if (roll < 18) {
            rechargeByScanPay(card);
        } else if (roll < 28 && bank.paidOrders.peek() != null) {
            refundPayment(bank.paidOrders.poll());
        } else if (roll < 35 && bank.recharges.peek() != null) {
            refundRecharge(bank.recharges.poll());
        } else if (roll < 45) {
            redeemGift(card);
        } else if (roll < 55) {
            scanPay();
        } else if (roll < 62 && bank.scanOrders.peek() != null) {
            refundScanPayment(bank.scanOrders.poll());
        } else if (roll < 68 && !bank.paidOnline.isEmpty()) {
            refundOnline(List.copyOf(bank.paidOnline).get(random.nextInt(bank.paidOnline.size())));
        } else {
            pay(card);
        }
    }

    private Api.Response recharge(Kind kind, TestCard card, Money pay, Money give) throws InterruptedException {
        String serial = Fixtures.unique(kind.name());
        Api.Response answer = send(
                Intent.recharge(kind, card.code(), serial, pay, give),
                () -> bank.till.recharge(card, pay.toString(), give.toString(), serial, serial));
        if (kind == Kind.RECHARGE && acknowledges(answer)) {
            bank.recharges.add(
                    new Bank.Recharged(card, answer.data().path("rechargeCode").asString(), pay, give));
        }
        return answer;
    }

    /** Mostly what a card can pay; one in twenty far more, to be refused. */
    private void pay(TestCard card) throws InterruptedException {
        Money money = random.nextInt(20) == 0 ? fen(500_000, 1_000_000) : fen(100, 12_000);
        String order = Fixtures.unique("ORDER");
        Api.Response answer =
                send(Intent.payment(card.code(), order, money), () -> bank.till.pay(card, money.toString(), order));
        if (acknowledges(answer)) {
            bank.paidOrders.add(new Bank.PaidOrder(card, order, money));
        }
    }

    private void refundPayment(Bank.PaidOrder order) throws InterruptedException {
        if (order == null) {
            return; // another till took it
        }
        Money refund = untriedRefundAmount(order);
        String serial = Fixtures.unique("REFUND");
        Api.Response answer = send(
                Intent.paymentRefund(order.card.code(), order.order, serial, refund),
                () -> bank.till.refund(order.card, refund.toString(), order.order, serial));
        if (acknowledges(answer)) {
            order.refunded = order.refunded.plus(refund);
        }
        // an unanswered refund leaves what is left unknown: the order is not refunded again
        if (answer != null && order.left().isPositive() && order.amountsTried.size() < REFUNDS_PER_ORDER) {
            bank.paidOrders.add(order);
        }
    }

    /** A part of what is left, all of it, or (to be refused) more; never an amount tried on the order before. */
    private Money untriedRefundAmount(Bank.PaidOrder order) {
        while (true) {
            Money left = order.left();
            int roll = random.nextInt(10);
            Money amount = roll == 0 ? left.plus(fen(1, 500)) : roll < 4 ? left : fen(1, cents(left));
            if (order.amountsTried.add(amount)) {
                return amount;
            }
        }
    }

    /**
     * The customer pays a recharge by scan pay: op25, then op29 whose detail names that payment, so
     * that op27 can send the money back along it. The payment's money is on the card: it is never
     * refunded by op26.
     */
    private void rechargeByScanPay(TestCard card) throws InterruptedException {
        Money pay = fen(1_000, 20_000);
        Money give = fen(0, 2_000);
        String order = Fixtures.unique("SCANRC");
        Api.Response paid = send(
                Intent.scanPayment(order, pay),
                () -> bank.till
                        .till()
                        .post(
                                "/api/v1/scan-payments",
                                Map.of("payCode", "134567890123456700", "orderCode", order, "money", pay.toString())),
                () -> bank.till.till().post("/api/v1/scan-payments/" + order + "/query", Map.of()));
        if (!acknowledges(paid)) {
            return;
        }
        String serial = Fixtures.unique("RCSCAN");
        Api.Response recharged = send(
                Intent.recharge(Kind.RECHARGE, card.code(), serial, pay, give),
                () -> bank.till
                        .tenant
                        .admin()
                        .post(
                                "/api/v1/recharges",
                                Map.of(
                                        "cardCode", card.code(),
                                        "mac", card.mac(),
                                        "payMoney", pay.toString(),
                                        "giveMoney", give.toString(),
                                        "details",
                                                List.of(Map.of(
                                                        "paymentType", 3, "money", pay.toString(), "orderCode", order)),
                                        "remark", serial,
                                        "timestamp", serial)));
        if (acknowledges(recharged)) {
            bank.recharges.add(new Bank.Recharged(
                    card, recharged.data().path("rechargeCode").asString(), pay, give));
            bank.paidOnline.add(card);
        }
    }

    /** op27 of a random amount, without naming records: the newest online records first. */
    private void refundOnline(TestCard card) throws InterruptedException {
        Money pay = fen(100, 10_000);
        String serial = Fixtures.unique("ONLINE");
        Supplier<Api.Response> request = () -> bank.till
                .till()
                .post(
                        "/api/v1/balance-refunds/original-route",
                        Map.of(
                                "cardCode", card.code(),
                                "mac", card.mac(),
                                "payMoney", pay.toString(),
                                "remark", serial,
                                "timestamp", serial));
        send(Intent.onlineBalanceRefund(card.code(), serial, pay), request, request);
    }

    /**
     * op25 with a WeChat code of the sandbox: mostly paid at once, some confirmed on the phone (02),
     * some refused (01), a few never confirmed (03, reversed: 1003). While the answer is 703 the till
     * asks op28, as a POS does.
     */
    private void scanPay() throws InterruptedException {
        String order = Fixtures.unique("SCAN");
        Money money = fen(100, 20_000);
        int rule = random.nextInt(20);
        String payCode = "1345678901234567" + (rule < 14 ? "00" : rule < 17 ? "02" : rule < 19 ? "01" : "03");
        Api.Response answer = send(
                Intent.scanPayment(order, money),
                () -> bank.till
                        .till()
                        .post(
                                "/api/v1/scan-payments",
                                Map.of("payCode", payCode, "orderCode", order, "money", money.toString())),
                () -> bank.till.till().post("/api/v1/scan-payments/" + order + "/query", Map.of()));
        if (acknowledges(answer)) {
            bank.scanOrders.add(new Bank.PaidOrder(null, order, money));
        }
    }

    /** op26 by an amount not tried on the order before; while the answer is 703 the same request again. */
    private void refundScanPayment(Bank.PaidOrder order) throws InterruptedException {
        if (order == null) {
            return; // another till took it
        }
        Money refund = untriedRefundAmount(order);
        String serial = Fixtures.unique("SCANREFUND");
        Supplier<Api.Response> request = () -> bank.till
                .till()
                .post(
                        "/api/v1/scan-payments/refund",
                        Map.of("orderCode", order.order, "money", refund.toString(), "timestamp", serial));
        Api.Response answer = send(Intent.scanRefund(order.order, serial, refund), request, request);
        if (acknowledges(answer)) {
            order.refunded = order.refunded.plus(refund);
        }
        if (answer != null
                && answer.status() != 703
                && order.left().isPositive()
                && order.amountsTried.size() < REFUNDS_PER_ORDER) {
            bank.scanOrders.add(order);
        }
    }

    private void refundRecharge(Bank.Recharged recharge) throws InterruptedException {
        if (recharge == null) {
            return; // another till took it
        }
        String serial = Fixtures.unique("RR");
        send(
                Intent.rechargeRefund(recharge.card().code(), serial, recharge.pay(), recharge.give()),
                () -> bank.till.refundRecharge(recharge.card(), recharge.rechargeCode(), serial, serial));
    }

    private void redeemGift(TestCard card) throws InterruptedException {
        String serial = Fixtures.unique("GIFT");
        send(
                Intent.giftRedemption(card.code(), serial, Bank.GIFT_POINTS),
                () -> bank.till.redeem(card, bank.giftId, serial, serial));
    }

    /**
     * Sends {@code request} until it is answered (or {@link #PATIENCE} runs out), waiting 100–300 ms
     * between attempts, and records the operation. Returns the answer, or null when none came.
     */
    private Api.Response send(Intent intent, Supplier<Api.Response> request) throws InterruptedException {
        return send(intent, request, null);
    }

    /**
     * As {@link #send(Intent, Supplier)}; a scan pay request answered 703 (outcome unknown) is
     * followed by {@code whileUnknown} until another answer comes: the operation is unanswered if
     * none does.
     */
    private Api.Response send(Intent intent, Supplier<Api.Response> request, Supplier<Api.Response> whileUnknown)
            throws InterruptedException {
        Instant giveUp = Instant.now().plus(PATIENCE);
        int attempts = 0;
        List<String> unexpectedServerErrors = new ArrayList<>();
        Api.Response answer = null;
        do {
            if (attempts > 0) {
                Thread.sleep(100 + random.nextInt(201));
            }
            attempts++;
            Api.Response reply = attempt(answer == null ? request : whileUnknown);
            // the gateway's answers come as 502/504 by courtesy: they are answers, not failures
            boolean gatewayAnswer = reply != null && GATEWAY_ANSWERS.contains(reply.status());
            if (reply != null && (reply.http() < 500 || gatewayAnswer)) {
                answer = reply;
            } else if (reply != null && (reply.http() != 503 || !databaseDown.getAsBoolean())) {
                // a 500 is a bug; a 503 ("retry with the same serial") is right only while the database is down
                unexpectedServerErrors.add(LocalTime.now() + " " + reply.http() + " " + reply.raw());
            }
        } while ((answer == null || (whileUnknown != null && answer.status() == 703))
                && Instant.now().isBefore(giveUp));
        if (answer != null && answer.status() == 703) {
            answer = null;
        }
        bank.record(new Operation(
                intent,
                answer == null ? Outcome.UNANSWERED : acknowledges(answer) ? Outcome.ACKNOWLEDGED : Outcome.REFUSED,
                answer == null ? 0 : answer.status(),
                acknowledges(answer) && answer.data().has("balance")
                        ? Money.of(answer.data().path("balance").decimalValue())
                        : null,
                attempts,
                unexpectedServerErrors));
        return answer;
    }

    /** One attempt: the answer, or null when the connection was refused, reset or timed out. */
    private static Api.Response attempt(Supplier<Api.Response> request) {
        try {
            return request.get();
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof IOException) {
                return null;
            }
            throw e;
        }
    }

    /** 200 or 801, and op28's 701 (paid) for a scan payment. */
    private static boolean acknowledges(Api.Response answer) {
        return answer != null && (answer.status() == 200 || answer.status() == 801 || answer.status() == 701);
    }

    /** A random amount from {@code min} to {@code max} fen. */
    private Money fen(long min, long max) {
        return Money.of(BigDecimal.valueOf(min + random.nextLong(max - min + 1), 2));
    }

    private static long cents(Money money) {
        return money.amount().movePointRight(2).longValueExact();
    }
}
