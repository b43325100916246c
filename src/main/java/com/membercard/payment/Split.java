package com.membercard.payment;

import com.membercard.catalog.DeductOrder;
import com.membercard.shared.Money;

/**
 * How an amount divides between a card's real and gift money: the rules of DOMAIN.md "Card
 * payment" and "Refunds", pure and exact.
 */
record Split(Money real, Money gift) {

    Money total() {
        return real.plus(gift);
    }

    /**
     * A payment of {@code amount} from a card holding {@code real} and {@code gift} (the caller has
     * checked that their sum covers it). PROPORTIONAL: the gift part is round(amount × gift ÷
     * balance), the rest real; neither can exceed its pot, since rounding to the fen stays within a
     * fen-exact bound.
     */
    static Split payment(DeductOrder order, Money real, Money gift, Money amount) {
        Money balance = real.plus(gift);
        if (amount.compareTo(balance) > 0) {
            throw new IllegalArgumentException(amount + " exceeds the balance " + balance);
        }
        Money fromGift = switch (order) {
            case PROPORTIONAL -> balance.isZero() ? Money.ZERO : amount.multiplyRounded(gift, balance);
            case GIFT_FIRST -> amount.min(gift);
            case REAL_FIRST -> amount.minus(amount.min(real));
        };
        return new Split(amount.minus(fromGift), fromGift);
    }

    /**
     * The part of a payment given back by a refund of {@code amount}, when {@code alreadyRefunded}
     * of the payment went back before. Shares follow the payment's own split, computed on the
     * running total so that refunding everything, in any number of parts, gives back exactly what
     * was taken from each pot.
     */
    static Split refund(Split paid, Split alreadyRefunded, Money amount) {
        Money paidTotal = paid.total();
        Money refundedAfter = alreadyRefunded.total().plus(amount);
        Money giftAfter = refundedAfter.multiplyRounded(paid.gift(), paidTotal);
        Money gift = giftAfter.minus(alreadyRefunded.gift());
        return new Split(amount.minus(gift), gift);
    }
}
