package com.membercard.payment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.membercard.shared.Money;
import java.math.BigDecimal;

/**
 * What a till needs before and after charging a card (op21–op24): its balance, and the member
 * level's price factor when the card class gives a discount (else 1). The discount is a rate, not
 * money.
 */
public record PayInfo(String cardCode, Money balance, BigDecimal discount, boolean canMemberPrice) {

    @JsonCreator
    public PayInfo {}

    /**
     * For CardPayments, which still hands over the balance's amount; goes once it passes the
     * {@link Money} itself.
     */
    PayInfo(String cardCode, BigDecimal balance, BigDecimal discount, boolean canMemberPrice) {
        this(cardCode, Money.of(balance), discount, canMemberPrice);
    }
}
