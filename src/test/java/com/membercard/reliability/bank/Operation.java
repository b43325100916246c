package com.membercard.reliability.bank;

import com.membercard.shared.Money;
import java.util.List;
import java.util.Set;

/**
 * One request a till made and what came of it, as the till itself recorded it: the history that
 * {@link BankChecker} holds against the service's ledger.
 *
 * @param answer the business code of the final answer (200, 801, 605…), 0 when none came
 * @param balanceAfter what an acknowledgement said the card holds after it, or null when it says nothing
 * @param attempts how many times the request was sent
 * @param unexpectedServerErrors answers of 500 and above while the database was not being killed, each
 *     with its time and body (for the report)
 */
record Operation(
        Intent intent,
        Outcome outcome,
        int answer,
        Money balanceAfter,
        int attempts,
        List<String> unexpectedServerErrors) {

    enum Outcome {
        /** 200, or 801: the serial was seen before, the first answer is replayed. */
        ACKNOWLEDGED,
        /** A business code: the service says it did nothing. */
        REFUSED,
        /** The till gave up: it may or may not have taken effect, but at most once. */
        UNANSWERED
    }

    /** The operations of the workload, with the bill each writes and the refusals it may meet. */
    enum Kind {
        /** op29 before the run, funding the card. */
        OPENING("RECHARGE", Set.of()),
        /** op29. */
        RECHARGE("RECHARGE", Set.of()),
        /** op23: 605 when the card holds too little. */
        PAYMENT("CARD_PAYMENT", Set.of(605)),
        /** op24 with a serial of its own: 612 when the order has less left to refund. */
        PAYMENT_REFUND("PAYMENT_REFUND", Set.of(612)),
        /** op31: 605 when the card no longer holds the recharge, 612 if its money went back otherwise. */
        RECHARGE_REFUND("RECHARGE_REFUND", Set.of(605, 612)),
        /** op37: 607 when the card has too few points. */
        GIFT_REDEMPTION("GIFT_REDEMPTION", Set.of(607)),
        /**
         * op27 (sent again while 703): real money back along the recharges paid by scan pay, a bill
         * per part; 605 when the card holds too little, 612 when its online records hold less.
         */
        ONLINE_BALANCE_REFUND("BALANCE_REFUND", Set.of(605, 612)),
        /**
         * op25 through the faulty sandbox (then op28 while unknown), on no card: 702 refused, 1003 not
         * confirmed in time, as the payment code's rule says.
         */
        SCAN_PAYMENT("SCAN_PAYMENT", Set.of(702, 1003)),
        /** op26 with a serial of its own (sent again while unknown): 612 beyond what the payment has left. */
        SCAN_REFUND("SCAN_REFUND", Set.of(612));

        final String billKind;
        final Set<Integer> refusals;

        Kind(String billKind, Set<Integer> refusals) {
            this.billKind = billKind;
            this.refusals = refusals;
        }

        /** A request that may write several bills, one per part (op27): the checker takes them together. */
        boolean billsInParts() {
            return this == ONLINE_BALANCE_REFUND;
        }

        /** Money between the customer's wallet and the merchant, through the gateway: no card moves. */
        boolean scanPay() {
            return this == SCAN_PAYMENT || this == SCAN_REFUND;
        }
    }

    /**
     * What an operation moves on its card. {@code real} and {@code gift} are null where the service
     * splits the money (payments and their refunds), {@code money} null where the service decides
     * a part of it (the gift money an online balance refund forfeits); {@code points} null where the
     * till does not know the points.
     */
    record Effect(Money money, Money real, Money gift, Long points) {

        static Effect ofPots(Money real, Money gift) {
            return new Effect(real.plus(gift), real, gift, null);
        }
    }

    /**
     * A request as the till means it. {@code billKey} names the one bill it may write, as {@link
     * Operation#billKey} reads it off a bill: a payment by its order, a refund of one by order and amount (the
     * tills never refund one order twice by the same amount), the others by the serial they carry as
     * remark.
     */
    record Intent(Kind kind, String cardCode, String serial, String billKey, Effect effect) {

        static Intent recharge(Kind kind, String cardCode, String serial, Money pay, Money give) {
            return new Intent(
                    kind,
                    cardCode,
                    serial,
                    Operation.billKey(kind.billKind, null, serial, null),
                    Effect.ofPots(pay, give));
        }

        static Intent payment(String cardCode, String order, Money money) {
            return new Intent(
                    Kind.PAYMENT,
                    cardCode,
                    order,
                    Operation.billKey(Kind.PAYMENT.billKind, order, null, null),
                    new Effect(money.negate(), null, null, null));
        }

        static Intent paymentRefund(String cardCode, String order, String serial, Money money) {
            return new Intent(
                    Kind.PAYMENT_REFUND,
                    cardCode,
                    serial,
                    Operation.billKey(Kind.PAYMENT_REFUND.billKind, order, null, money),
                    new Effect(money, null, null, null));
        }

        static Intent rechargeRefund(String cardCode, String serial, Money pay, Money give) {
            return new Intent(
                    Kind.RECHARGE_REFUND,
                    cardCode,
                    serial,
                    Operation.billKey(Kind.RECHARGE_REFUND.billKind, null, serial, null),
                    Effect.ofPots(pay.negate(), give.negate()));
        }

        /** op27 of {@code pay}: the real money is the till's, the gift money forfeited with it the service's. */
        static Intent onlineBalanceRefund(String cardCode, String serial, Money pay) {
            return new Intent(
                    Kind.ONLINE_BALANCE_REFUND,
                    cardCode,
                    serial,
                    Operation.billKey(Kind.ONLINE_BALANCE_REFUND.billKind, null, serial, null),
                    new Effect(null, pay.negate(), null, null));
        }

        static Intent giftRedemption(String cardCode, String serial, long points) {
            return new Intent(
                    Kind.GIFT_REDEMPTION,
                    cardCode,
                    serial,
                    Operation.billKey(Kind.GIFT_REDEMPTION.billKind, null, serial, null),
                    new Effect(Money.ZERO, Money.ZERO, Money.ZERO, -points));
        }

        /** The card code of a scan pay request: it moves no card. */
        static final String NO_CARD = "(scan pay)";

        static Intent scanPayment(String order, Money money) {
            return new Intent(
                    Kind.SCAN_PAYMENT,
                    NO_CARD,
                    order,
                    Kind.SCAN_PAYMENT.billKind + "/" + order,
                    new Effect(money, null, null, null));
        }

        /** A refund of scan order {@code order}; the tills never refund one order twice by the same amount. */
        static Intent scanRefund(String order, String serial, Money money) {
            return new Intent(
                    Kind.SCAN_REFUND,
                    NO_CARD,
                    serial,
                    Kind.SCAN_REFUND.billKind + "/" + order + "/" + money,
                    new Effect(money.negate(), null, null, null));
        }

        /** The scan order a scan pay request is about. */
        String scanOrder() {
            return billKey.split("/")[1];
        }

        @Override
        public String toString() {
            return kind + " " + serial + " on " + cardCode;
        }
    }

    /** The key that ties a bill of the card's ledger to the one request that may have written it. */
    static String billKey(String billKind, String orderCode, String remark, Money amount) {
        return switch (billKind) {
            case "CARD_PAYMENT" -> billKind + "/" + orderCode;
            case "PAYMENT_REFUND" -> billKind + "/" + orderCode + "/" + amount;
            default -> billKind + "/" + remark;
        };
    }

    boolean acknowledged() {
        return outcome == Outcome.ACKNOWLEDGED;
    }
}
