package com.membercard.payment;

import com.membercard.shared.Money;
import java.math.BigDecimal;

/**
 * What a till needs before and after charging a card (op21–op24): its balance, and the member
 * level's price factor when the card class gives a discount (else 1). The discount is a rate, not
 * money.
 */
public record PayInfo(String cardCode, Money balance, BigDecimal discount, boolean canMemberPrice) {}
