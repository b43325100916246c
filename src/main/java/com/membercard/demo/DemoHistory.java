package com.membercard.demo;

import com.membercard.payment.CardPayments;
import com.membercard.payment.GiftRedemptions;
import com.membercard.payment.PayInfo;
import com.membercard.payment.Recharges;
import com.membercard.payment.TillRequests;
import com.membercard.settlement.DayEnds;
import com.membercard.shared.BusinessCode;
import com.membercard.shared.Envelope;
import com.membercard.shared.Money;
import com.membercard.shared.PaymentType;
import com.membercard.tenancy.Actor;
import com.membercard.tenancy.Caller;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntPredicate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo tenant's last three weeks at the tills of its shops, run through the payment module's
 * own commands (so through the ledger, with their serials, points and payment records): recharges
 * with and without plans, some paid in two parts, card payments, refunds of some of them and gift
 * redemptions with the points earned. Each past day is written on the demo's clock set back to it,
 * so its bills fall on that business day, and is then closed by the settlement module's day-end, as
 * a till would close it; today stays open.
 */
@Component
@ConditionalOnBooleanProperty("membercard.demo")
class DemoHistory {

    /** How many days of history, today included. */
    static final int DAYS = 21;

    /** Customers at each shop's till on each day. */
    static final int VISITS = 10;

    /** The regulars: most visits are theirs (cards DEMO000001…), so their points add up to gifts. */
    private static final int REGULARS = 30;

    /** A shop's till: the cashier working it. */
    record Till(Caller cashier, Actor actor) {
        long shopId() {
            return cashier.shopId();
        }
    }

    /** The demo's catalogue that the tills use. */
    record Catalogue(long fixedPlan, long modifiablePlan, long giftId, long giftPoints, IntPredicate storedValue) {}

    /** What the demo wrote. */
    record Written(int bills, int closedDays) {}

    /** What the demo knows of a card as it goes: the balance the till last answered, the points it earned. */
    private static final class CardSeen {
        Money balance = Money.ZERO;
        long points;
    }

    /** A payment that may be refunded later, in part. */
    private record Paid(int card, String order, Money money) {}

    private final Recharges recharges;
    private final CardPayments payments;
    private final GiftRedemptions gifts;
    private final DayEnds dayEnds;
    private final DemoClock clock;
    private final TransactionTemplate transactions;

    DemoHistory(
            Recharges recharges,
            CardPayments payments,
            GiftRedemptions gifts,
            DayEnds dayEnds,
            DemoClock clock,
            TransactionTemplate transactions) {
        this.recharges = recharges;
        this.payments = payments;
        this.gifts = gifts;
        this.dayEnds = dayEnds;
        this.clock = clock;
        this.transactions = transactions;
    }

    /**
     * Writes the history over cards {@code DEMO000001…DEMO<cards>}. Each day's commands run in one
     * transaction (one commit a day, which keeps the start-up short), each as it runs at a till.
     */
    Written write(long tenantId, List<Till> tills, Catalogue catalogue, int cards) {
        Random random = new Random(2026);
        Map<Integer, CardSeen> seen = new HashMap<>();
        List<Paid> refundable = new ArrayList<>();
        int[] bills = {0};
        int closed = 0;
        try {
            for (int back = DAYS - 1; back >= 0; back--) {
                clock.setBack(back);
                LocalDate day = dayEnds.today(tenantId);
                transactions.executeWithoutResult(status -> {
                    for (Till till : tills) {
                        for (int visit = 0; visit < VISITS; visit++) {
                            int card = storedValueCard(random, cards, catalogue.storedValue());
                            String serial = day + "-" + till.shopId() + "-" + visit;
                            visit(tenantId, till, catalogue, card, serial, random, seen, refundable);
                            bills[0]++;
                        }
                    }
                });
                if (back > 0) {
                    for (Till till : tills) {
                        dayEnds.close(tenantId, null, till.shopId(), day, null, till.actor());
                        closed++;
                    }
                }
            }
        } finally {
            clock.setBack(0);
        }
        return new Written(bills[0], closed);
    }

    /** One customer at the till, one bill: what they do depends on what their card holds. */
    private void visit(
            long tenantId,
            Till till,
            Catalogue catalogue,
            int card,
            String serial,
            Random random,
            Map<Integer, CardSeen> seen,
            List<Paid> refundable) {
        CardSeen state = seen.computeIfAbsent(card, c -> new CardSeen());
        String code = String.format("DEMO%06d", card);
        String secret = String.format("demo-secret-%06d", card);
        int roll = random.nextInt(100);
        if (state.points >= catalogue.giftPoints() && roll < 30) {
            checked(gifts.redeem(
                    tenantId,
                    till.actor(),
                    new TillRequests.RedeemGift(
                            code, secret, null, catalogue.giftId(), "演示兑换", "DEMO-G-" + serial, null, null)));
            state.points -= catalogue.giftPoints();
            return;
        }
        if (!refundable.isEmpty() && roll < 18) {
            Paid paid = refundable.remove(random.nextInt(refundable.size()));
            Money refund = Money.of(paid.money()
                    .amount()
                    .divide(BigDecimal.valueOf(2 + random.nextInt(3)), 0, RoundingMode.DOWN)
                    .max(BigDecimal.ONE));
            PayInfo after = checked(payments.refund(
                    tenantId,
                    till.actor(),
                    new TillRequests.RefundPayment(
                            String.format("DEMO%06d", paid.card()),
                            String.format("demo-secret-%06d", paid.card()),
                            refund.amount(),
                            paid.order(),
                            "DEMO-F-" + serial,
                            null,
                            null)));
            CardSeen payer = seen.get(paid.card());
            payer.balance = after.balance();
            // a refund takes back the points the refunded part earned (at most one more, by rounding)
            payer.points = Math.max(0, payer.points - refund.amount().longValue() - 1);
            return;
        }
        if (state.balance.amount().compareTo(new BigDecimal("40")) < 0 || roll < 45) {
            TillRequests.Recharge request = recharge(catalogue, code, secret, serial, random);
            state.balance = checked(recharges.recharge(till.cashier(), till.actor(), request))
                    .balance();
            return;
        }
        BigDecimal most = state.balance.amount().multiply(new BigDecimal("0.6"));
        BigDecimal amount = BigDecimal.valueOf(12 + random.nextInt(150))
                .add(BigDecimal.valueOf(random.nextInt(10), 1))
                .min(most)
                .setScale(2, RoundingMode.DOWN);
        String order = "DEMO-O-" + serial;
        state.balance = checked(payments.pay(
                        tenantId, till.actor(), new TillRequests.Pay(code, secret, null, amount, order, null, null)))
                .balance();
        state.points += amount.longValue();
        if (random.nextInt(4) == 0) {
            refundable.add(new Paid(card, order, Money.of(amount)));
        }
    }

    /** A recharge: by a plan one time in three, else an amount of the till's; paid in two parts one time in three. */
    private static TillRequests.Recharge recharge(
            Catalogue catalogue, String code, String secret, String serial, Random random) {
        int kind = random.nextInt(6);
        Long plan = switch (kind) {
            case 0 -> catalogue.fixedPlan();
            case 1 -> catalogue.modifiablePlan();
            default -> null;
        };
        BigDecimal paid = kind == 0
                ? new BigDecimal("100.00")
                : kind == 1
                        ? BigDecimal.valueOf(500L + 100L * random.nextInt(4)).setScale(2)
                        : BigDecimal.valueOf(50L * (1 + random.nextInt(6))).setScale(2);
        List<TillRequests.Detail> details;
        if (random.nextInt(3) == 0) {
            BigDecimal cash =
                    paid.divide(BigDecimal.valueOf(2), 0, RoundingMode.DOWN).setScale(2);
            details = List.of(
                    new TillRequests.Detail(PaymentType.CASH.code(), cash, null, null),
                    new TillRequests.Detail(PaymentType.WECHAT.code(), paid.subtract(cash), null, null));
        } else {
            PaymentType type = random.nextBoolean() ? PaymentType.WECHAT : PaymentType.ALIPAY;
            details = List.of(new TillRequests.Detail(type.code(), paid, null, null));
        }
        return new TillRequests.Recharge(
                code, secret, null, paid, null, details, "演示充值", "DEMO-R-" + serial, null, plan, null);
    }

    /**
     * A stored-value card of the demo's (points-only cards take no recharge), a regular's three times
     * in four.
     */
    private static int storedValueCard(Random random, int cards, IntPredicate storedValue) {
        int card;
        do {
            card = 1 + random.nextInt(random.nextInt(4) == 0 ? cards : REGULARS);
        } while (!storedValue.test(card));
        return card;
    }

    /** The command's result; an answer that is not a success is a bug of the demo, which stops it. */
    private static <T> T checked(Envelope<T> answer) {
        if (answer.status() != BusinessCode.SUCCESS.code()) {
            throw new IllegalStateException("demo history refused: " + answer.status() + " " + answer.message());
        }
        return answer.data();
    }
}
