package com.membercard.catalog;

import java.math.BigDecimal;

/** A member level (会员等级): {@code level} is its rank, {@code discount} a price factor in (0, 1]. */
public record MemberLevel(long id, String name, int level, BigDecimal discount, String imagePath) {}
