package com.membercard.catalog;

import com.membercard.shared.validation.MoneyAmount;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;

/** Body of {@code PUT /settings/card-policy}: the card policy as a tenant administrator sets it. */
public record CardPolicyRequest(
        @Schema(example = "8", description = "the shortest card secret a till may choose: 6 to 64")
        @NotNull
        @Min(CardPolicy.SHORTEST_SECRET)
        @Max(CardPolicy.LONGEST_SECRET)
        Integer minSecretLength,

        @Schema(example = "false", description = "whether a recharge may carry gift money without a plan") @NotNull
        Boolean giftWithoutPlan,

        @Schema(example = "50.00", description = "the most gift money such a recharge may carry")
        @MoneyAmount(zeroAllowed = true)
        BigDecimal giftWithoutPlanCap) {}
