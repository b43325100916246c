package com.membercard.catalog;

import io.swagger.v3.oas.annotations.media.Schema;
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
public record CardClassRequest(
        @Schema(example = "金卡") @NotBlank @Size(max = 50) String name,
        @Schema(example = "1") @NotNull @Min(1) @Max(4) Integer cardType,
        @Schema(example = "true") @NotNull Boolean canRecharge,
        @Schema(example = "true") @NotNull Boolean canMemberPrice,
        @Schema(example = "true") @NotNull Boolean canDiscount,
        @Schema(example = "true") @NotNull Boolean canPoint,

        @Schema(example = "1") @NotNull @Min(0) @Max(1_000_000)
        Integer pointsBasic,

        @Schema(example = "100") @NotNull @Min(0) @Max(1_000_000)
        Integer pointsToOne,

        @Schema(example = "365") @NotNull @Min(0) @Max(36_500)
        Integer pointsValidDays,

        @Schema(example = "PROPORTIONAL") DeductOrder deductOrder) {

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
