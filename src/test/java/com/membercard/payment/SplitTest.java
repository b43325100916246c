package com.membercard.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.catalog.DeductOrder;
import com.membercard.shared.Money;
import java.math.BigDecimal;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class SplitTest {

    @Test
    void proportionalTakesTheGiftShareRoundedHalfUp() {
        // 80 real + 20 gift: 10.00 → 2.00 gift; 0.05 → 0.01 gift (0.01 exactly), 0.03 → 0.006 → 0.01
        assertThat(Split.payment(DeductOrder.PROPORTIONAL, money("80"), money("20"), money("10")))
                .isEqualTo(new Split(money("8"), money("2")));
        assertThat(Split.payment(DeductOrder.PROPORTIONAL, money("80"), money("20"), money("0.03")))
                .isEqualTo(new Split(money("0.02"), money("0.01")));
    }

    @Test
    void realFirstAndGiftFirstEmptyOnePotBeforeTheOther() {
        assertThat(Split.payment(DeductOrder.REAL_FIRST, money("5"), money("20"), money("8")))
                .isEqualTo(new Split(money("5"), money("3")));
        assertThat(Split.payment(DeductOrder.GIFT_FIRST, money("50"), money("20"), money("25")))
                .isEqualTo(new Split(money("5"), money("20")));
    }

    @Test
    void refundsInPartsGiveBackExactlyWhatWasTaken() {
        Split paid = new Split(money("6.67"), money("3.33"));
        Split first = Split.refund(paid, new Split(Money.ZERO, Money.ZERO), money("3.00"));
        Split second = Split.refund(paid, first, money("3.00"));
        Split third = Split.refund(
                paid, new Split(first.real().plus(second.real()), first.gift().plus(second.gift())), money("4.00"));

        assertThat(first.real().plus(second.real()).plus(third.real())).isEqualTo(money("6.67"));
        assertThat(first.gift().plus(second.gift()).plus(third.gift())).isEqualTo(money("3.33"));
    }

    @Test
    void pointsAreFlooredAndTakenBackByWhatTheRestStillEarns() {
        assertThat(PointsRule.earned(money("99.99"), 10)).isEqualTo(9);
        assertThat(PointsRule.earned(money("99.99"), 0)).isZero();
        // paid 95 at 10 yuan a point: earned 9; refund 10 → 85 keeps 8 → take back 1; then 80 more → 5 keeps 0
        assertThat(PointsRule.toTakeBack(money("95"), Money.ZERO, money("10"), 10))
                .isEqualTo(1);
        assertThat(PointsRule.toTakeBack(money("95"), money("10"), money("80"), 10))
                .isEqualTo(8);
    }

    @Property(tries = 1000)
    void aPaymentNeverTakesAPotBelowZeroAndAddsUp(
            @ForAll @LongRange(min = 0, max = 10_000_000) long realFen,
            @ForAll @LongRange(min = 0, max = 10_000_000) long giftFen,
            @ForAll @LongRange(min = 1, max = 20_000_000) long amountFen,
            @ForAll DeductOrder order) {
        Assume.that(amountFen <= realFen + giftFen);
        Money real = fen(realFen);
        Money gift = fen(giftFen);

        Split split = Split.payment(order, real, gift, fen(amountFen));

        assertThat(split.total()).isEqualTo(fen(amountFen));
        assertThat(split.real().isNegative() || split.gift().isNegative()).isFalse();
        assertThat(split.real()).isLessThanOrEqualTo(real);
        assertThat(split.gift()).isLessThanOrEqualTo(gift);
    }

    @Property(tries = 1000)
    void anyRefundsOfAPaymentNeverGiveBackMoreThanEachPotPaid(
            @ForAll @LongRange(min = 0, max = 1_000_000) long realFen,
            @ForAll @LongRange(min = 0, max = 1_000_000) long giftFen,
            @ForAll @IntRange(min = 1, max = 6) int parts) {
        Assume.that(realFen + giftFen > 0);
        Split paid = new Split(fen(realFen), fen(giftFen));
        long total = realFen + giftFen;
        Split refunded = new Split(Money.ZERO, Money.ZERO);
        long left = total;
        for (int i = 0; i < parts && left > 0; i++) {
            long part = i == parts - 1 ? left : Math.max(1, left / 2);
            Split refund = Split.refund(paid, refunded, fen(part));
            assertThat(refund.real().isNegative() || refund.gift().isNegative()).isFalse();
            refunded = new Split(
                    refunded.real().plus(refund.real()), refunded.gift().plus(refund.gift()));
            assertThat(refunded.real()).isLessThanOrEqualTo(paid.real());
            assertThat(refunded.gift()).isLessThanOrEqualTo(paid.gift());
            left -= part;
        }
        if (left == 0) {
            assertThat(refunded).isEqualTo(paid);
        }
    }

    private static Money money(String amount) {
        return Money.of(amount);
    }

    private static Money fen(long fen) {
        return new Money(BigDecimal.valueOf(fen, 2));
    }
}
