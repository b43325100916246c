package com.membercard.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An amount of yuan, exact to the fen: a BigDecimal of scale 2. Never built from a double. Rounding
 * (HALF_UP) happens only where a business rule asks for it, through {@link #multiplyRounded}.
 */
public record Money(BigDecimal amount) implements Comparable<Money> {

    public static final Money ZERO = new Money(BigDecimal.ZERO);
    /** The largest amount a request may name: 99,999,999.99 (fits numeric(14,2) with headroom). */
    public static final BigDecimal MAX = new BigDecimal("99999999.99");

    public Money {
        if (amount == null) {
            throw new IllegalArgumentException("amount is null");
        }
        // setScale without rounding throws when fen would be lost: an amount is never silently cut.
        amount = amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    @JsonCreator
    public static Money of(BigDecimal amount) {
        return new Money(amount);
    }

    public static Money of(String amount) {
        return new Money(new BigDecimal(amount));
    }

    @JsonValue
    public BigDecimal amount() {
        return amount;
    }

    public Money plus(Money other) {
        return new Money(amount.add(other.amount));
    }

    public Money minus(Money other) {
        return new Money(amount.subtract(other.amount));
    }

    public Money negate() {
        return new Money(amount.negate());
    }

    /** {@code this × numerator ÷ denominator}, rounded HALF_UP to the fen. */
    public Money multiplyRounded(Money numerator, Money denominator) {
        return new Money(amount.multiply(numerator.amount).divide(denominator.amount, 2, RoundingMode.HALF_UP));
    }

    public Money min(Money other) {
        return compareTo(other) <= 0 ? this : other;
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    @Override
    public int compareTo(Money other) {
        return amount.compareTo(other.amount);
    }

    @Override
    public String toString() {
        return amount.toPlainString();
    }
}
