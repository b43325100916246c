package com.membercard.shared.validation;

import com.membercard.shared.Money;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.math.BigDecimal;

class MoneyAmountValidator implements ConstraintValidator<MoneyAmount, BigDecimal> {

    private boolean zeroAllowed;

    @Override
    public void initialize(MoneyAmount annotation) {
        zeroAllowed = annotation.zeroAllowed();
    }

    @Override
    public boolean isValid(BigDecimal value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        int minimumSign = zeroAllowed ? 0 : 1;
        return value.stripTrailingZeros().scale() <= 2
                && value.signum() >= minimumSign
                && value.compareTo(Money.MAX) <= 0;
    }
}
