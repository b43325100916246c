package com.membercard.catalog;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** Body of {@code POST/PUT /member-levels}: {@code discount} 0.88 = 12% off, 1 = none. */
public record MemberLevelRequest(
        @Schema(example = "金卡会员") @NotBlank @Size(max = 50) String name,
        @Schema(example = "3") @NotNull @Min(0) @Max(1000) Integer level,

        @Schema(example = "0.88")
        @NotNull
        @DecimalMin(value = "0", inclusive = false)
        @DecimalMax("1")
        @Digits(integer = 1, fraction = 3)
        BigDecimal discount,

        @Schema(example = "/images/gold.png") @Size(max = 500)
        String imagePath) {}
