package com.membercard.reliability.bank;

import static java.util.stream.Collectors.groupingBy;

import com.membercard.reliability.bank.Operation.Effect;
import com.membercard.reliability.bank.Operation.Kind;
import com.membercard.reliability.bank.Operation.Outcome;
import com.membercard.shared.Money;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Holds the tills' own records against the ledger the service kept, as Jepsen's bank test does:
 *
 * <ul>
 *   <li>an acknowledged request (200, 801) wrote exactly one bill, a refused one none, an unanswered
 *       one at most one; every bill answers a request;
 *   <li>each bill moved what its request asked, and an acknowledgement told the balance it left;
 *   <li>no answer other than success or the operation's own refusals; no 500 ever, no 503 with the database up;
 *   <li>no pot below zero; each card holds, in real and in gift money, what the requests that took
 *       effect add up to; and the service's reconciliation finds every card equal to its ledger;
 *   <li>scan pay: every attempt settled once the janitor had its time; the gateway's statements
 *       and the service's records agree (no customer charged without a paid record, no paid record
 *       without a charge, no refund on one side only); an acknowledged payment ends paid and a
 *       refused one does not; the acknowledged refunds of an order never exceed what it paid.
 * </ul>
 */
final class BankChecker {

    /** The money of one pot: what each kind of operation moved in all, and what the cards hold. */
    record Flow(Map<Kind, Money> moved, Money held) {

        Money expected() {
            return moved.values().stream().reduce(Money.ZERO, Money::plus);
        }
    }

    /** Every anomaly found (none, if the service kept its promises), the money of both pots, scan pay's totals. */
    record Verdict(List<String> anomalies, Flow real, Flow gift, String scanPay) {}

    private final List<String> anomalies = new ArrayList<>();
    private final Map<Kind, Money> realMoved = new EnumMap<>(Kind.class);
    private final Map<Kind, Money> giftMoved = new EnumMap<>(Kind.class);
    private Money realHeld = Money.ZERO;
    private Money giftHeld = Money.ZERO;

    private BankChecker() {}

    /**
     * @param reconciliationDifferences what the service's reconciliation reported, one line each
     */
    static Verdict check(
            Collection<Operation> history, List<CardLedger> cards, List<String> reconciliationDifferences) {
        return check(history, cards, reconciliationDifferences, ScanPayEnd.none());
    }

    static Verdict check(
            Collection<Operation> history,
            List<CardLedger> cards,
            List<String> reconciliationDifferences,
            ScanPayEnd scanPay) {
        BankChecker checker = new BankChecker();
        checker.checkScanPay(history, scanPay);
        reconciliationDifferences.forEach(d -> checker.anomalies.add("the reconciliation reports " + d));
        history.forEach(checker::checkAnswer);
        Map<String, List<Operation>> byCard =
                history.stream().collect(groupingBy(op -> op.intent().cardCode()));
        for (CardLedger card : cards) {
            checker.checkCard(card, byCard.getOrDefault(card.code(), List.of()));
        }
        return new Verdict(
                List.copyOf(checker.anomalies),
                new Flow(checker.realMoved, checker.realHeld),
                new Flow(checker.giftMoved, checker.giftHeld),
                scanPay.totals());
    }

    private void checkScanPay(Collection<Operation> history, ScanPayEnd end) {
        if (end.openAttempts() > 0) {
            anomalies.add(end.openAttempts() + " scan pay attempts are still open after the janitor's time");
        }
        end.differences().forEach(d -> anomalies.add("the gateway's statement and the service disagree: " + d));
        Map<String, Money> paid = new HashMap<>();
        for (Operation op : history) {
            if (op.intent().kind() != Kind.SCAN_PAYMENT) {
                continue;
            }
            String order = op.intent().scanOrder();
            Integer state = end.finalStates().get(order);
            boolean endsPaid = state != null && state == 701;
            if (op.acknowledged() && !endsPaid) {
                anomalies.add(op.intent() + " was acknowledged (" + op.answer() + ") but its order ends " + state);
            }
            if (op.outcome() == Outcome.REFUSED && endsPaid) {
                anomalies.add(op.intent() + " was refused (" + op.answer() + ") but its order ends paid");
            }
            if (endsPaid) {
                paid.put(order, op.intent().effect().money());
            }
        }
        Map<String, Money> refunded = new HashMap<>();
        for (Operation op : history) {
            if (op.intent().kind() == Kind.SCAN_REFUND && op.acknowledged()) {
                refunded.merge(
                        op.intent().scanOrder(), op.intent().effect().money().negate(), Money::plus);
            }
        }
        refunded.forEach((order, money) -> {
            Money payment = paid.getOrDefault(order, Money.ZERO);
            if (money.compareTo(payment) > 0) {
                anomalies.add("the acknowledged refunds of scan order " + order + " add up to " + money
                        + ", more than its payment " + payment);
            }
        });
    }

    private void checkAnswer(Operation op) {
        if (!op.unexpectedServerErrors().isEmpty()) {
            anomalies.add(op.intent() + " was answered 5xx "
                    + op.unexpectedServerErrors().size() + " times: a 500, or a 503 while the database was up "
                    + op.unexpectedServerErrors());
        }
        if (op.outcome() == Outcome.REFUSED && !op.intent().kind().refusals.contains(op.answer())) {
            anomalies.add(op.intent() + " was refused with " + op.answer() + ", not a refusal of its kind");
        }
        if (op.answer() == 801 && op.attempts() == 1) {
            anomalies.add(op.intent() + " was answered 801 on its first attempt");
        }
    }

    private void checkCard(CardLedger card, List<Operation> operations) {
        if (card.real().isNegative() || card.gift().isNegative() || card.points() < 0) {
            anomalies.add("card " + card.code() + " holds real " + card.real() + ", gift " + card.gift() + ", points "
                    + card.points());
        }
        Map<String, List<CardLedger.Bill>> billsByKey = card.bills().stream().collect(groupingBy(CardLedger.Bill::key));
        Map<String, Operation> byKey = new HashMap<>();
        for (Operation op : operations) {
            if (byKey.put(op.intent().billKey(), op) != null) {
                throw new IllegalArgumentException(
                        "two requests share the bill key " + op.intent().billKey());
            }
        }
        billsByKey.forEach((key, bills) -> {
            if (!byKey.containsKey(key)) {
                bills.forEach(bill -> anomalies.add("card " + card.code() + ": bill " + bill + " answers no request"));
            }
        });
        Money real = Money.ZERO;
        Money gift = Money.ZERO;
        for (Operation op : operations) {
            List<CardLedger.Bill> bills = billsByKey.getOrDefault(op.intent().billKey(), List.of());
            if (op.intent().kind().billsInParts() && bills.size() > 1) {
                bills = List.of(together(bills));
            }
            checkTookEffect(op, bills.size());
            if (!bills.isEmpty()) {
                CardLedger.Bill bill = bills.get(0);
                checkBill(op, bill);
                Effect effect = op.intent().effect();
                Money realPart = effect.real() != null ? effect.real() : bill.real();
                Money giftPart = effect.gift() != null ? effect.gift() : bill.gift();
                realMoved.merge(op.intent().kind(), realPart, Money::plus);
                giftMoved.merge(op.intent().kind(), giftPart, Money::plus);
                real = real.plus(realPart);
                gift = gift.plus(giftPart);
            }
        }
        if (!real.equals(card.real()) || !gift.equals(card.gift())) {
            anomalies.add("card " + card.code() + " holds real " + card.real() + " and gift " + card.gift()
                    + "; the requests that took effect add up to " + real + " and " + gift);
        }
        realHeld = realHeld.plus(card.real());
        giftHeld = giftHeld.plus(card.gift());
    }

    /** The bills of one request written in parts (op27), as one: what they moved together, the last balance. */
    private static CardLedger.Bill together(List<CardLedger.Bill> parts) {
        CardLedger.Bill first = parts.get(0);
        Money real = Money.ZERO;
        Money gift = Money.ZERO;
        long points = 0;
        for (CardLedger.Bill part : parts) {
            real = real.plus(part.real());
            gift = gift.plus(part.gift());
            points += part.points();
        }
        return new CardLedger.Bill(
                first.billNo() + "+" + (parts.size() - 1),
                first.kind(),
                first.orderCode(),
                first.remark(),
                first.amount(),
                real,
                gift,
                points,
                first.balanceAfter());
    }

    private void checkTookEffect(Operation op, int times) {
        boolean allowed = switch (op.outcome()) {
            case ACKNOWLEDGED -> times == 1;
            case REFUSED -> times == 0;
            case UNANSWERED -> times <= 1;
        };
        if (!allowed) {
            anomalies.add(op.intent() + ", " + op.outcome().name().toLowerCase() + " (" + op.answer()
                    + "), took effect " + times + " times");
        }
    }

    private void checkBill(Operation op, CardLedger.Bill bill) {
        Effect asked = op.intent().effect();
        boolean asAsked =
                (asked.money() == null || bill.real().plus(bill.gift()).equals(asked.money()))
                        && (asked.real() == null || asked.real().equals(bill.real()))
                        && (asked.gift() == null || asked.gift().equals(bill.gift()))
                        && (asked.points() == null || asked.points() == bill.points());
        if (!asAsked) {
            anomalies.add(op.intent() + " asked for " + asked + " but its bill " + bill + " moved real " + bill.real()
                    + ", gift " + bill.gift() + ", points " + bill.points());
        }
        if (op.acknowledged() && op.balanceAfter() != null && !op.balanceAfter().equals(bill.balanceAfter())) {
            anomalies.add(op.intent() + " was answered with balance " + op.balanceAfter() + " but its bill " + bill
                    + " left " + bill.balanceAfter());
        }
    }
}
