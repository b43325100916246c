package com.membercard.catalog;

/** How a card payment splits between real and gift money (DOMAIN.md "Card payment"). */
public enum DeductOrder {
    /** Gift part = round(money × giveBalance / balance), the rest real: the default. */
    PROPORTIONAL,
    REAL_FIRST,
    GIFT_FIRST
}
