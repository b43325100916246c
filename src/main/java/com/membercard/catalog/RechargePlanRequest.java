package com.membercard.catalog;

import com.membercard.shared.BusinessException;
import com.membercard.shared.validation.MoneyAmount;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDateTime;

/** Body of {@code POST/PUT /recharge-plans}; {@code money} must equal {@code payMoney + giveMoney}. */
record RechargePlanRequest(
        @NotBlank @Size(max = 100) String name,
        @NotNull @MoneyAmount BigDecimal money,
        @NotNull @MoneyAmount BigDecimal payMoney,
        @NotNull @MoneyAmount(zeroAllowed = true) BigDecimal giveMoney,
        LocalDateTime startTime,
        LocalDateTime endTime,
        Boolean moneyModifiable,
        @Size(max = 200) String remark,
        Boolean inUse) {

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
