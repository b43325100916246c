package com.membercard.reliability.bank;

import com.membercard.shared.Money;
import com.membercard.support.Fixtures;
import com.membercard.support.TillFixture;
import com.membercard.support.TillFixture.TestCard;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the tills share: a tenant whose card class splits payments in proportion and earns a point
 * a yuan, its cards, a gift to redeem, what may still be refunded, and the history of every
 * request.
 */
final class Bank {

    /** The points the gift costs. */
    static final long GIFT_POINTS = 40;

    /** An acknowledged payment that may still be refunded; held by one till at a time. */
    static final class PaidOrder {
        final TestCard card;
        final String order;
        final Money paid;
        /** The tills refund an order by a new amount each time, so that each refund's bill is known by its amount. */
        final Set<Money> amountsTried = new HashSet<>();

        Money refunded = Money.ZERO;

        PaidOrder(TestCard card, String order, Money paid) {
            this.card = card;
            this.order = order;
            this.paid = paid;
        }

        Money left() {
            return paid.minus(refunded);
        }
    }

    /** An acknowledged recharge, which may be refunded once. */
    record Recharged(TestCard card, String rechargeCode, Money pay, Money give) {}

    final TillFixture till;
    final List<TestCard> cards;
    final long giftId;
    final Queue<PaidOrder> paidOrders = new ConcurrentLinkedQueue<>();
    final Queue<Recharged> recharges = new ConcurrentLinkedQueue<>();
    /** Cards recharged by scan pay: op27 can send their money back along those payments. */
    final Set<TestCard> paidOnline = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Acknowledged scan payments that may still be refunded (no card: {@link PaidOrder#card} is null). */
    final Queue<PaidOrder> scanOrders = new ConcurrentLinkedQueue<>();

    private final Queue<Operation> history = new ConcurrentLinkedQueue<>();
    private final AtomicInteger operations = new AtomicInteger();

    private Bank(TillFixture till, List<TestCard> cards, long giftId) {
        this.till = till;
        this.cards = cards;
        this.giftId = giftId;
    }

    /** A new tenant with {@code cards} empty cards (the tills fund them) and a gift without stock limit. */
    static Bank open(Fixtures fixtures, int cards) {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        long giftId = Fixtures.createdId(till.tenant
                .admin()
                .post("/api/v1/gifts", Map.of("name", "保温杯", "points", GIFT_POINTS, "price", "39.90")));
        List<TestCard> opened = new ArrayList<>();
        for (int i = 0; i < cards; i++) {
            opened.add(till.card());
        }
        return new Bank(till, List.copyOf(opened), giftId);
    }

    void record(Operation operation) {
        history.add(operation);
        if (operation.intent().kind() != Operation.Kind.OPENING) {
            operations.incrementAndGet();
        }
    }

    /** The requests the tills have made so far, not counting the cards' funding. */
    int operations() {
        return operations.get();
    }

    List<Operation> history() {
        return List.copyOf(history);
    }
}
