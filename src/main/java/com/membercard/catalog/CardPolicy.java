package com.membercard.catalog;

import com.membercard.shared.Money;

/**
 * A tenant's rules for card secrets and gift money (README "Card policy"), set by its administrators.
 *
 * @param minSecretLength the shortest card secret a till may choose (op19, op35); a secret the server
 *     generates is longer
 * @param giftWithoutPlan whether a recharge may carry gift money its till chose, without a recharge
 *     plan; a tenant administrator may always give more, and that override is recorded
 * @param giftWithoutPlanCap with {@code giftWithoutPlan}: the most gift money one such recharge may carry
 */
public record CardPolicy(int minSecretLength, boolean giftWithoutPlan, Money giftWithoutPlanCap) {

    /** What a tenant that never set its policy has: secrets of 8 or more, gift money only through plans. */
    public static final CardPolicy DEFAULT = new CardPolicy(8, false, Money.ZERO);

    public static final int SHORTEST_SECRET = 6;
    public static final int LONGEST_SECRET = 64;
}
