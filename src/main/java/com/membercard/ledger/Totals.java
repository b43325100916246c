package com.membercard.ledger;

import com.membercard.shared.Money;

/** A card's pots and running totals: what its cache fields hold, and what its entries add up to. */
public record Totals(
        Money real,
        Money gift,
        long points,
        Money rechargeReal,
        Money rechargeGift,
        Money expenseReal,
        Money expenseGift,
        long pointsEarned,
        long pointsUsed) {

    Totals plus(Entry e) {
        return new Totals(
                real.plus(e.real()),
                gift.plus(e.gift()),
                points + e.points(),
                rechargeReal.plus(e.rechargeReal()),
                rechargeGift.plus(e.rechargeGift()),
                expenseReal.plus(e.expenseReal()),
                expenseGift.plus(e.expenseGift()),
                pointsEarned + e.pointsEarned(),
                pointsUsed + e.pointsUsed());
    }

    public Money balance() {
        return real.plus(gift);
    }
}
