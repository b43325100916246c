package com.membercard.catalog;

import com.membercard.shared.Money;

/** A gift (积分礼品) for {@code points}; {@code stock} null = unlimited. */
public record Gift(long id, String name, long points, Money price, String imagePath, boolean inUse, Integer stock) {}
