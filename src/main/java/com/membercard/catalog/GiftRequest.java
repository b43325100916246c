package com.membercard.catalog;

import com.membercard.shared.validation.MoneyAmount;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** Body of {@code POST/PUT /gifts}; {@code inUse} defaults to true, {@code stock} null = unlimited. */
public record GiftRequest(
        @Schema(example = "保温杯") @NotBlank @Size(max = 100) String name,

        @Schema(example = "500") @NotNull @Min(1) @Max(1_000_000_000)
        Long points,

        @Schema(example = "39.90") @NotNull @MoneyAmount(zeroAllowed = true)
        BigDecimal price,

        @Schema(example = "/images/cup.png") @Size(max = 500)
        String imagePath,

        @Schema(example = "true") Boolean inUse,
        @Schema(example = "100") @Min(0) @Max(1_000_000_000) Integer stock) {

    record Row(String name, Long points, BigDecimal price, String imagePath, boolean inUse, Integer stock) {}

    Row row() {
        return new Row(name, points, price, imagePath, inUse == null || inUse, stock);
    }
}
