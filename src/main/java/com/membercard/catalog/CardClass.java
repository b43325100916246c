package com.membercard.catalog;

/** A card class (卡类别) as op09/op10 show it, plus its {@code deductOrder}. */
public record CardClass(
        long id,
        String name,
        int cardType,
        String cardTypeName,
        boolean canRecharge,
        boolean canMemberPrice,
        boolean canDiscount,
        boolean canPoint,
        int pointsBasic,
        int pointsToOne,
        int pointsValidDays,
        DeductOrder deductOrder) {}
