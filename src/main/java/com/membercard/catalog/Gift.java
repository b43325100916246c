package com.membercard.catalog;

import java.math.BigDecimal;

/** A gift (积分礼品) for {@code points}; {@code stock} null = unlimited. */
public record Gift(
        long id, String name, long points, BigDecimal price, String imagePath, boolean inUse, Integer stock) {}
