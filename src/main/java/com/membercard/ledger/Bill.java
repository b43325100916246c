package com.membercard.ledger;

import com.membercard.shared.Money;
import com.membercard.shared.PaymentType;
import com.membercard.tenancy.Actor;
import java.util.List;

/**
 * A bill to post: one business event on one card ({@code cardId}), with its entries (on that card,
 * and for a transfer on its replacement too).
 *
 * @param amount the amount the request named
 * @param paymentType how money left the house (refunds, returns), or null
 * @param relatedBillId the bill a refund follows, or null
 */
public record Bill(
        BillKind kind,
        long cardId,
        Actor actor,
        Money amount,
        PaymentType paymentType,
        Long relatedBillId,
        Long planId,
        Long giftId,
        String orderCode,
        String remark,
        List<Entry> entries) {

    public static Bill of(BillKind kind, long cardId, Actor actor, Money amount, String remark, List<Entry> entries) {
        return new Bill(kind, cardId, actor, amount, null, null, null, null, null, remark, entries);
    }

    public Bill withPaymentType(PaymentType type) {
        return new Bill(kind, cardId, actor, amount, type, relatedBillId, planId, giftId, orderCode, remark, entries);
    }

    public Bill withRelatedBill(Long billId) {
        return new Bill(kind, cardId, actor, amount, paymentType, billId, planId, giftId, orderCode, remark, entries);
    }

    public Bill withPlan(Long id) {
        return new Bill(
                kind, cardId, actor, amount, paymentType, relatedBillId, id, giftId, orderCode, remark, entries);
    }

    public Bill withGift(Long id) {
        return new Bill(
                kind, cardId, actor, amount, paymentType, relatedBillId, planId, id, orderCode, remark, entries);
    }

    public Bill withOrderCode(String code) {
        return new Bill(kind, cardId, actor, amount, paymentType, relatedBillId, planId, giftId, code, remark, entries);
    }
}
