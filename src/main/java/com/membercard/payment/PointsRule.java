package com.membercard.payment;

import com.membercard.shared.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Points of a card payment (DOMAIN.md "Points"): floor(money ÷ pointsBasic); 0 when pointsBasic is 0. */
final class PointsRule {

    private PointsRule() {}

    static long earned(Money paid, int pointsBasic) {
        if (pointsBasic <= 0 || paid.isNegative()) {
            return 0;
        }
        return paid.amount()
                .divide(BigDecimal.valueOf(pointsBasic), 0, RoundingMode.FLOOR)
                .longValueExact();
    }

    /**
     * What a refund takes back: what the whole payment earned less what the amount still kept earns,
     * less what earlier refunds of the same payment took back already.
     */
    static long toTakeBack(Money paid, Money refundedBefore, Money refund, int pointsBasic) {
        long keptBefore = earned(paid.minus(refundedBefore), pointsBasic);
        long keptAfter = earned(paid.minus(refundedBefore).minus(refund), pointsBasic);
        return keptBefore - keptAfter;
    }
}
