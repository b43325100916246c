package com.membercard.card;

import com.membercard.shared.Money;

/**
 * A card's pots and running totals: what its 12 cached money and points fields hold (the three
 * {@code total_*} and {@code balance} columns are sums of these), and what its ledger entries add
 * up to.
 *
 * @param points available points ({@code actual_points})
 * @param pointsEarned every point ever earned ({@code total_points})
 */
public record CardTotals(
        Money real,
        Money gift,
        long points,
        Money rechargeReal,
        Money rechargeGift,
        Money expenseReal,
        Money expenseGift,
        long pointsEarned,
        long pointsUsed) {

    public Money balance() {
        return real.plus(gift);
    }

    public Money recharged() {
        return rechargeReal.plus(rechargeGift);
    }

    public Money spent() {
        return expenseReal.plus(expenseGift);
    }

    /** These totals moved by the given amounts. */
    public CardTotals plus(
            Money real,
            Money gift,
            long points,
            Money rechargeReal,
            Money rechargeGift,
            Money expenseReal,
            Money expenseGift,
            long pointsEarned,
            long pointsUsed) {
        return new CardTotals(
                this.real.plus(real),
                this.gift.plus(gift),
                this.points + points,
                this.rechargeReal.plus(rechargeReal),
                this.rechargeGift.plus(rechargeGift),
                this.expenseReal.plus(expenseReal),
                this.expenseGift.plus(expenseGift),
                this.pointsEarned + pointsEarned,
                this.pointsUsed + pointsUsed);
    }
}
