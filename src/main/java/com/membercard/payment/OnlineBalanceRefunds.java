package com.membercard.payment;

import com.membercard.card.CardUse;
import com.membercard.card.Cards;
import com.membercard.card.LockedCard;
import com.membercard.ledger.Bill;
import com.membercard.ledger.BillKind;
import com.membercard.ledger.Entry;
import com.membercard.ledger.Ledger;
import com.membercard.ledger.LedgerQueries;
import com.membercard.ledger.PaymentRecords;
import com.membercard.ledger.PostedBill;
import com.membercard.scanpay.OnlineRefundFailed;
import com.membercard.scanpay.OnlineRefunds;
import com.membercard.shared.BusinessCode;
import com.membercard.shared.BusinessException;
import com.membercard.shared.Envelope;
import com.membercard.shared.Money;
import com.membercard.shared.PaymentType;
import com.membercard.tenancy.Actor;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * op27: stored value paid back along the recharges' scan payments, each part through the gateway of
 * the payment it came from. The money leaves the card first: one transaction proves and locks the
 * card, posts a balance refund bill per part (op32's rule: real money paid back, gift money
 * forfeited with it), follows the payment record and writes the part's refund attempt, with the
 * serial. Then each part goes to its gateway, outside any transaction. A part the gateway refuses
 * comes back on the card by a bill of its own ({@code BALANCE_REFUND_RETURN}, the exact reverse of
 * the part's bill) in the same transaction that records the refusal; a part left unknown is
 * followed up by the janitor. So the money of a part is on the card or with the customer, never
 * both, and never neither once the gateway has answered.
 */
@Service
class OnlineBalanceRefunds {

    /** A part of op27's answer: the payment record it followed, its bill, and its state at the gateway. */
    record PartView(
            long recordId, String billNo, PaymentType paymentType, Money money, Integer status, String timestamp) {}

    /** op27's data: the first part's wallet and gateway refund id (the original document's), and every part. */
    record Result(PaymentType paymentType, String timestamp, List<PartView> refunds) {}

    /** op27's answer: its business code and data. */
    record Answer(BusinessCode code, Result data) {}

    private final Till till;
    private final BalanceRefunds balanceRefunds;
    private final PaymentRecords records;
    private final OnlineRefunds onlineRefunds;
    private final Cards cards;
    private final Ledger ledger;
    private final LedgerQueries history;

    OnlineBalanceRefunds(
            Till till,
            BalanceRefunds balanceRefunds,
            PaymentRecords records,
            OnlineRefunds onlineRefunds,
            Cards cards,
            Ledger ledger,
            LedgerQueries history) {
        this.till = till;
        this.balanceRefunds = balanceRefunds;
        this.records = records;
        this.onlineRefunds = onlineRefunds;
        this.cards = cards;
        this.ledger = ledger;
        this.history = history;
    }

    /**
     * op27: 200 when every part was refunded, 703 while one is unknown, 702 when the gateway refused
     * one (that part is back on the card, the others stay refunded). The same serial again answers
     * the parts as they are now: 801 when all were refunded.
     */
    Answer refund(long tenantId, Actor actor, TillRequests.RefundBalance request) {
        if (request.serial() == null || request.serial().isBlank()) {
            throw BusinessException.invalid("timestamp", "error.required");
        }
        Money pay = Money.of(request.payMoney());
        Envelope<Result> first = till.run(
                tenantId,
                "ONLINE_BALANCE_REFUND",
                request.serial(),
                request,
                Result.class,
                () -> takeFromCard(tenantId, actor, request, pay));
        boolean replay = first.status() != BusinessCode.SUCCESS.code();
        List<PartView> parts = new ArrayList<>();
        for (PartView part : first.data().refunds()) {
            OnlineRefunds.Part now =
                    replay ? onlineRefunds.part(tenantId, part.billNo()) : onlineRefunds.send(tenantId, part.billNo());
            parts.add(new PartView(
                    part.recordId(),
                    part.billNo(),
                    part.paymentType(),
                    part.money(),
                    now.status(),
                    now.transactionId()));
        }
        BusinessCode code;
        if (parts.stream().anyMatch(p -> p.status() == null || p.status() == BusinessCode.PAYMENT_UNKNOWN.code())) {
            code = BusinessCode.PAYMENT_UNKNOWN;
        } else if (parts.stream().allMatch(p -> p.status() == BusinessCode.PAYMENT_SUCCEEDED.code())) {
            code = replay ? BusinessCode.DUPLICATE_SERIAL : BusinessCode.SUCCESS;
        } else {
            code = BusinessCode.PAYMENT_FAILED;
        }
        return new Answer(
                code, new Result(parts.get(0).paymentType(), parts.get(0).timestamp(), parts));
    }

    /** The first phase, inside the serial's transaction: every part's bill and refund attempt. */
    private Result takeFromCard(long tenantId, Actor actor, TillRequests.RefundBalance request, Money pay) {
        LockedCard card =
                till.presentedCard(tenantId, request.cardCode(), request.mac(), request.password(), CardUse.WITHDRAW);
        card.cardStatus().requireUsable();
        if (card.real().compareTo(pay) < 0) {
            throw new BusinessException(BusinessCode.INSUFFICIENT_BALANCE);
        }
        List<PaymentRecords.Record> refundable = records.refundable(tenantId, card.memberId());
        List<BalanceRefunds.Part> parts;
        if (request.details() == null || request.details().isEmpty()) {
            parts = BalanceRefunds.newestFirst(
                    refundable.stream()
                            .filter(r -> onlineRefunds.paidOnline(tenantId, r.id()))
                            .toList(),
                    pay);
            if (!parts.stream()
                    .map(BalanceRefunds.Part::money)
                    .reduce(Money.ZERO, Money::plus)
                    .equals(pay)) {
                throw new BusinessException(BusinessCode.REFUND_EXCEEDS_PAID, "error.beyondOnlineRecords");
            }
        } else {
            parts = BalanceRefunds.named(refundable, request.details(), pay);
        }
        List<PartView> views = new ArrayList<>();
        for (BalanceRefunds.Part part : parts) {
            PaymentType wallet = part.record().paymentType();
            PostedBill bill = balanceRefunds.post(tenantId, actor, card, part.money(), wallet, request.remark());
            records.refund(tenantId, bill.id(), part.record().id(), part.money());
            onlineRefunds.begin(tenantId, actor, part.record().id(), bill.billNo(), part.money());
            views.add(new PartView(part.record().id(), bill.billNo(), wallet, part.money(), null, null));
            card = cards.lock(tenantId, card.id()); // the next part is taken from the card as it is now
        }
        return new Result(views.get(0).paymentType(), null, views);
    }

    /**
     * A part the gateway refused comes back on the card, inside the transaction that records the
     * refusal: the reverse of its bill (real money and the gift money forfeited with it), and the
     * money it sent along its payment record returned to that record.
     */
    @EventListener
    void putBack(OnlineRefundFailed failed) {
        long tenantId = failed.tenantId();
        LedgerQueries.BalanceRefundPart part = history.balanceRefundPart(tenantId, failed.billNo())
                .orElseThrow(() -> new IllegalStateException("no balance refund bill " + failed.billNo()));
        LockedCard card = cards.lock(tenantId, part.cardId());
        List<Entry> entries = new ArrayList<>(List.of(Entry.balanceRefundReturned(card.id(), part.real())));
        if (part.gift().isPositive()) {
            entries.add(Entry.giftForfeitReturned(card.id(), part.gift()));
        }
        PostedBill back = ledger.post(
                tenantId,
                Bill.of(
                                BillKind.BALANCE_REFUND_RETURN,
                                card.id(),
                                new Actor(part.operatorId(), null, part.shopId(), null),
                                part.real(),
                                "refused by the gateway: " + failed.billNo(),
                                entries)
                        .withRelatedBill(part.billId()),
                card);
        records.giveBack(tenantId, back.id(), part.recordId(), part.real());
    }
}
