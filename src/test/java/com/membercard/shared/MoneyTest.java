package com.membercard.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void keepsExactlyTwoDecimals() {
        assertThat(Money.of("12.5").amount()).isEqualTo(new BigDecimal("12.50"));
        assertThat(Money.of("12.5")).isEqualTo(Money.of("12.50"));
    }

    @Test
    void refusesToDropAFen() {
        assertThatThrownBy(() -> Money.of("0.005")).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void proportionalShareRoundsHalfUp() {
        // 10.00 × 1.00 / 3.00 = 3.333… → 3.33; 10.00 × 1.00 / 8.00 = 1.25 exactly; 0.05 × 1 / 2 = 0.025 → 0.03
        assertThat(Money.of("10.00").multiplyRounded(Money.of("1"), Money.of("3")))
                .isEqualTo(Money.of("3.33"));
        assertThat(Money.of("10.00").multiplyRounded(Money.of("1"), Money.of("8")))
                .isEqualTo(Money.of("1.25"));
        assertThat(Money.of("0.05").multiplyRounded(Money.of("1"), Money.of("2")))
                .isEqualTo(Money.of("0.03"));
    }

    @Property(tries = 1000)
    void plusAndMinusAreExactInverses(
            @ForAll @LongRange(min = -9_999_999_999L, max = 9_999_999_999L) long aFen,
            @ForAll @LongRange(min = -9_999_999_999L, max = 9_999_999_999L) long bFen) {
        Money a = new Money(BigDecimal.valueOf(aFen, 2));
        Money b = new Money(BigDecimal.valueOf(bFen, 2));

        assertThat(a.plus(b).minus(b)).isEqualTo(a);
        assertThat(a.minus(b).plus(b).amount().scale()).isEqualTo(2);
    }
}
