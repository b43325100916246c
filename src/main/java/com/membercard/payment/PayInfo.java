package com.membercard.payment;

import java.math.BigDecimal;

/**
 * What a till needs before and after charging a card (op21–op24): its balance, and the member
 * level's price factor when the card class gives a discount (else 1).
 */
public record PayInfo(String cardCode, BigDecimal balance, BigDecimal discount, boolean canMemberPrice) {}
