package com.membercard.catalog;

import com.membercard.shared.BusinessException;
import com.membercard.shared.validation.MoneyAmount;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDateTime;

/** Body of {@code POST/PUT /recharge-plans}; {@code money} must equal {@code payMoney + giveMoney}. */
public record RechargePlanRequest(
        @Schema(example = "充100送20") @NotBlank @Size(max = 100)
        String name,

        @Schema(example = "120.00") @NotNull @MoneyAmount BigDecimal money,
        @Schema(example = "100.00") @NotNull @MoneyAmount BigDecimal payMoney,

        @Schema(example = "20.00") @NotNull @MoneyAmount(zeroAllowed = true)
        BigDecimal giveMoney,

        @Schema(example = "2026-01-01 00:00:00") LocalDateTime startTime,
        @Schema(example = "2026-12-31 23:59:59") LocalDateTime endTime,
        @Schema(example = "false") Boolean moneyModifiable,
        @Schema(example = "新年活动") @Size(max = 200) String remark,
        @Schema(example = "true") Boolean inUse) {

    record Row(
            String name,
            BigDecimal money,
            BigDecimal payMoney,
            BigDecimal giveMoney,
            LocalDateTime startTime,
            LocalDateTime endTime,
            boolean moneyModifiable,
            String remark,
            boolean inUse) {}

    /** The checks that span fields, then the row with its defaults. */
    Row row() {
        if (money.compareTo(payMoney.add(giveMoney)) != 0) {
            throw BusinessException.invalid("money", "error.planSum");
        }
        if (startTime != null && endTime != null && startTime.isAfter(endTime)) {
            throw BusinessException.invalid("endTime", "error.endBeforeStart");
        }
        return new Row(
                name,
                money,
                payMoney,
                giveMoney,
                startTime,
                endTime,
                Boolean.TRUE.equals(moneyModifiable),
                remark,
                inUse == null || inUse);
    }
}
