package com.membercard.settlement;

import com.membercard.shared.Money;
import java.util.List;

/**
 * The till's own figures of the day, sent with a close (optional, either list may be left out): by
 * bill kind (count and amount) and by payment type (received and paid back). Only the lists sent are
 * compared; a kind or type the server has and the list lacks counts as a difference.
 */
public record TillTotals(List<Kind> byKind, List<PaymentType> byPaymentType) {

    public record Kind(String kind, long count, Money amount) {}

    public record PaymentType(int paymentType, Money received, Money paidBack) {}
}
