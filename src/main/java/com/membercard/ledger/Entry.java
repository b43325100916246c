package com.membercard.ledger;

import com.membercard.card.CardTotals;
import com.membercard.card.LockedCard;
import com.membercard.shared.Money;

/**
 * One change of one card, to be posted. {@code real}, {@code gift} and {@code points} move the pots;
 * the other fields say how the change counts in the card's running totals (recharged, spent, points
 * earned and used), negative for a reversal. Build them with the factories: each kind sets the
 * totals it touches.
 */
public record Entry(
        long cardId,
        EntryKind kind,
        Money real,
        Money gift,
        long points,
        Money rechargeReal,
        Money rechargeGift,
        Money expenseReal,
        Money expenseGift,
        long pointsEarned,
        long pointsUsed,
        long pointsShortfall) {

    private static Entry money(long cardId, EntryKind kind, Money real, Money gift) {
        return new Entry(cardId, kind, real, gift, 0, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO, 0, 0, 0);
    }

    private static Entry points(long cardId, EntryKind kind, long points, long earned, long used, long shortfall) {
        return new Entry(
                cardId,
                kind,
                Money.ZERO,
                Money.ZERO,
                points,
                Money.ZERO,
                Money.ZERO,
                Money.ZERO,
                Money.ZERO,
                earned,
                used,
                shortfall);
    }

    public static Entry recharge(long cardId, Money real, Money gift) {
        return new Entry(cardId, EntryKind.RECHARGE, real, gift, 0, real, gift, Money.ZERO, Money.ZERO, 0, 0, 0);
    }

    /** A reversal of a recharge: it no longer counts as recharged. */
    public static Entry rechargeRefund(long cardId, Money real, Money gift) {
        return new Entry(
                cardId,
                EntryKind.RECHARGE_REFUND,
                real.negate(),
                gift.negate(),
                0,
                real.negate(),
                gift.negate(),
                Money.ZERO,
                Money.ZERO,
                0,
                0,
                0);
    }

    public static Entry payment(long cardId, Money real, Money gift) {
        return new Entry(
                cardId,
                EntryKind.PAYMENT,
                real.negate(),
                gift.negate(),
                0,
                Money.ZERO,
                Money.ZERO,
                real,
                gift,
                0,
                0,
                0);
    }

    /** Money of a payment given back: it no longer counts as spent. */
    public static Entry paymentRefund(long cardId, Money real, Money gift) {
        return new Entry(
                cardId,
                EntryKind.PAYMENT_REFUND,
                real,
                gift,
                0,
                Money.ZERO,
                Money.ZERO,
                real.negate(),
                gift.negate(),
                0,
                0,
                0);
    }

    /** Real money paid back to the customer (op27, op30, op32). */
    public static Entry balanceRefund(long cardId, Money real) {
        return money(cardId, EntryKind.BALANCE_REFUND, real.negate(), Money.ZERO);
    }

    public static Entry giftForfeit(long cardId, Money gift) {
        return money(cardId, EntryKind.GIFT_FORFEIT, Money.ZERO, gift.negate());
    }

    /** The reversal of a {@link #balanceRefund} whose money never reached the customer (op27, refused by the gateway). */
    public static Entry balanceRefundReturned(long cardId, Money real) {
        return money(cardId, EntryKind.BALANCE_REFUND, real, Money.ZERO);
    }

    /** The reversal of the {@link #giftForfeit} that went with a balance refund returned to the card. */
    public static Entry giftForfeitReturned(long cardId, Money gift) {
        return money(cardId, EntryKind.GIFT_FORFEIT, Money.ZERO, gift);
    }

    public static Entry pointsEarned(long cardId, long points) {
        return points(cardId, EntryKind.POINTS_EARN, points, points, 0, 0);
    }

    public static Entry pointsSpent(long cardId, long points) {
        return points(cardId, EntryKind.POINTS_SPEND, -points, 0, points, 0);
    }

    /** Points a refund takes back: {@code taken} were available, {@code shortfall} were spent already. */
    public static Entry pointsReversed(long cardId, long taken, long shortfall) {
        return points(cardId, EntryKind.POINTS_REVERSE, -taken, -taken, 0, shortfall);
    }

    public static Entry pointsExpired(long cardId, long points) {
        return points(cardId, EntryKind.POINTS_EXPIRE, -points, 0, 0, 0);
    }

    public static Entry pointsForfeited(long cardId, long points) {
        return points(cardId, EntryKind.POINTS_FORFEIT, -points, 0, 0, 0);
    }

    /** Balances and imported history arriving on a card (import, migration). */
    public static Entry openingBalance(long cardId, Money real, Money gift, long points) {
        return new Entry(
                cardId,
                EntryKind.OPENING_BALANCE,
                real,
                gift,
                points,
                Money.ZERO,
                Money.ZERO,
                Money.ZERO,
                Money.ZERO,
                points,
                0,
                0);
    }

    /** Everything a card holds and has counted, moving to its replacement (op35): out of the old card. */
    public static Entry transferOut(LockedCard from) {
        CardTotals t = from.totals();
        return new Entry(
                from.id(),
                EntryKind.TRANSFER_OUT,
                t.real().negate(),
                t.gift().negate(),
                -t.points(),
                t.rechargeReal().negate(),
                t.rechargeGift().negate(),
                t.expenseReal().negate(),
                t.expenseGift().negate(),
                -t.pointsEarned(),
                -t.pointsUsed(),
                0);
    }

    /** … and into the new one. */
    public static Entry transferIn(long toCardId, LockedCard from) {
        CardTotals t = from.totals();
        return new Entry(
                toCardId,
                EntryKind.TRANSFER_IN,
                t.real(),
                t.gift(),
                t.points(),
                t.rechargeReal(),
                t.rechargeGift(),
                t.expenseReal(),
                t.expenseGift(),
                t.pointsEarned(),
                t.pointsUsed(),
                0);
    }

    /** The card's totals after this entry. */
    CardTotals applyTo(CardTotals before) {
        return before.plus(
                real, gift, points, rechargeReal, rechargeGift, expenseReal, expenseGift, pointsEarned, pointsUsed);
    }
}
