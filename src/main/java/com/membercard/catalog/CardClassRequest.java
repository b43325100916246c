package com.membercard.catalog;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST/PUT /card-classes}. {@code pointsBasic} = yuan per point earned (0 = earns
 * none), {@code pointsToOne} = points worth 1 yuan, {@code pointsValidDays} = 0 for points that never
 * expire; {@code deductOrder} defaults to PROPORTIONAL.
 */
record CardClassRequest(
        @NotBlank @Size(max = 50) String name,
        @NotNull @Min(1) @Max(4) Integer cardType,
        @NotNull Boolean canRecharge,
        @NotNull Boolean canMemberPrice,
        @NotNull Boolean canDiscount,
        @NotNull Boolean canPoint,
        @NotNull @Min(0) @Max(1_000_000) Integer pointsBasic,
        @NotNull @Min(0) @Max(1_000_000) Integer pointsToOne,
        @NotNull @Min(0) @Max(36_500) Integer pointsValidDays,
        DeductOrder deductOrder) {

    /** The row as stored: enums as their names, defaults filled in. */
    record Row(
            String name,
            Integer cardType,
            Boolean canRecharge,
            Boolean canMemberPrice,
            Boolean canDiscount,
            Boolean canPoint,
            Integer pointsBasic,
            Integer pointsToOne,
            Integer pointsValidDays,
            String deductOrder) {}

    Row row() {
        DeductOrder order = deductOrder == null ? DeductOrder.PROPORTIONAL : deductOrder;
        return new Row(
                name,
                cardType,
                canRecharge,
                canMemberPrice,
                canDiscount,
                canPoint,
                pointsBasic,
                pointsToOne,
                pointsValidDays,
                order.name());
    }
}
