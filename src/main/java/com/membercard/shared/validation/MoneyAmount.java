package com.membercard.shared.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A money field of a request: at most 2 decimals, not above 99,999,999.99, and positive (or, with
 * {@code zeroAllowed}, not negative). Null passes: pair with {@code @NotNull} where it is required.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = MoneyAmountValidator.class)
public @interface MoneyAmount {

    boolean zeroAllowed() default false;

    String message() default "{membercard.money}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
