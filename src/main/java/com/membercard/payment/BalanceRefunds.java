package com.membercard.payment;

import com.membercard.card.Card;
import com.membercard.card.CardLifecycle;
import com.membercard.card.CardUse;
import com.membercard.card.Cards;
import com.membercard.card.LockedCard;
import com.membercard.catalog.Dictionaries;
import com.membercard.ledger.Bill;
import com.membercard.ledger.BillKind;
import com.membercard.ledger.Entry;
import com.membercard.ledger.Ledger;
import com.membercard.ledger.PaymentRecords;
import com.membercard.ledger.PointsLots;
import com.membercard.ledger.PostedBill;
import com.membercard.shared.BusinessCode;
import com.membercard.shared.BusinessException;
import com.membercard.shared.Envelope;
import com.membercard.shared.Money;
import com.membercard.shared.PaymentType;
import com.membercard.tenancy.Actor;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Paying real money back to the customer: part or all of it by hand (op18 draft, op32), or all of it
 * with the card (op30, return). The money follows the recharges' payment records back, newest first
 * unless the request says which; the gift money that goes with it is forfeited.
 */
@Service
// public on purpose: the admin console's member page returns a card with the same command
public class BalanceRefunds {

    /** A part of a refund along one payment record (op18's details). */
    record Detail(Long id, long recordId, PaymentType paymentType, String paymentTypeName, Money money) {}

    /** op18's draft, in op27/op32's request shape. */
    record Draft(
            Long id,
            String billNo,
            String cardCode,
            String mac,
            Integer paymentType,
            String rechargeCode,
            Money money,
            Money payMoney,
            Money giveMoney,
            Money refundMoney,
            String remark,
            String timestamp,
            String timestampNow,
            Long userId,
            List<Detail> details) {}

    /** Money to send back along one payment record. */
    record Part(PaymentRecords.Record record, Money money) {}

    private final Till till;
    private final Ledger ledger;
    private final PaymentRecords records;
    private final PointsLots lots;
    private final Cards cards;
    private final CardLifecycle lifecycle;
    private final Dictionaries dictionaries;

    private final Clock clock;

    BalanceRefunds(
            Till till,
            Ledger ledger,
            PaymentRecords records,
            PointsLots lots,
            Cards cards,
            CardLifecycle lifecycle,
            Dictionaries dictionaries,
            Clock clock) {
        this.clock = clock;
        this.till = till;
        this.ledger = ledger;
        this.records = records;
        this.lots = lots;
        this.cards = cards;
        this.lifecycle = lifecycle;
        this.dictionaries = dictionaries;
    }

    /** op18: a proposal to refund the whole real balance along the payment records, newest first. */
    Draft draft(long tenantId, String cardCode) {
        Card card =
                cards.byCode(tenantId, cardCode).orElseThrow(() -> new BusinessException(BusinessCode.CARD_NOT_FOUND));
        Money real = card.real();
        List<Part> parts = newestFirst(records.refundable(tenantId, card.memberId()), real);
        List<Detail> details = parts.stream()
                .map(p -> new Detail(
                        null,
                        p.record().id(),
                        p.record().paymentType(),
                        dictionaries.paymentTypeName(p.record().paymentType()),
                        p.money()))
                .toList();
        Money online = parts.stream()
                .filter(p -> p.record().paymentType().online())
                .map(Part::money)
                .reduce(Money.ZERO, Money::plus);
        return new Draft(
                null,
                null,
                card.code(),
                "",
                null,
                null,
                real,
                real,
                card.gift(),
                online,
                null,
                null,
                Serials.fresh("RB"),
                null,
                details);
    }

    /** op32: pays {@code payMoney} of the real balance back by hand. */
    Envelope<Void> refund(long tenantId, Actor actor, TillRequests.RefundBalance request) {
        if (request.serial() == null || request.serial().isBlank()) {
            throw BusinessException.invalid("timestamp", "error.required");
        }
        if (request.paymentType() == null) {
            throw BusinessException.invalid("paymentType", "error.required");
        }
        Money pay = Money.of(request.payMoney());
        return till.run(tenantId, "BALANCE_REFUND", request.serial(), request, Void.class, () -> {
            LockedCard card = till.presentedCard(
                    tenantId, request.cardCode(), request.mac(), request.password(), CardUse.WITHDRAW);
            card.cardStatus().requireUsable();
            if (card.real().compareTo(pay) < 0) {
                throw new BusinessException(BusinessCode.INSUFFICIENT_BALANCE);
            }
            List<PaymentRecords.Record> refundable = records.refundable(tenantId, card.memberId());
            List<Part> parts = request.details() == null || request.details().isEmpty()
                    ? newestFirst(refundable, pay)
                    : named(refundable, request.details(), pay);
            PostedBill bill =
                    post(tenantId, actor, card, pay, PaymentType.orNull(request.paymentType()), request.remark());
            refundAlong(tenantId, bill, parts);
            return null;
        });
    }

    /** op30: the whole real balance paid back by {@code paymentType}; gift money and points forfeited; card returned. */
    public Envelope<Void> returnCard(long tenantId, Actor actor, TillRequests.ReturnCard request) {
        return till.run(tenantId, "CARD_RETURN", request.timestamp(), request, Void.class, () -> {
            LockedCard card = till.presentedCard(
                    tenantId, request.cardCode(), request.mac(), request.password(), CardUse.WITHDRAW);
            card.cardStatus().requireUsable();
            List<Entry> entries = new ArrayList<>();
            if (card.real().isPositive()) {
                entries.add(Entry.balanceRefund(card.id(), card.real()));
            }
            if (card.gift().isPositive()) {
                entries.add(Entry.giftForfeit(card.id(), card.gift()));
            }
            if (card.points() > 0) {
                entries.add(Entry.pointsForfeited(card.id(), card.points()));
            }
            PostedBill bill = ledger.post(
                    tenantId,
                    Bill.of(BillKind.CARD_RETURN, card.id(), actor, card.real(), request.remark(), entries)
                            .withPaymentType(PaymentType.orNull(request.paymentType())),
                    card);
            refundAlong(tenantId, bill, newestFirst(records.refundable(tenantId, card.memberId()), card.real()));
            OffsetDateTime now = OffsetDateTime.now(clock);
            List<PointsLots.Lot> all = new ArrayList<>(lots.available(tenantId, card.id(), now));
            all.addAll(lots.expiredUnswept(tenantId, card.id(), now));
            lots.useAll(tenantId, bill.id(), PointsLots.Reason.FORFEIT, all);
            lots.refreshExpiryDate(tenantId, card.id(), now);
            lifecycle.markReturned(tenantId, card.id(), actor, request.timestamp(), request.remark());
            return null;
        });
    }

    /**
     * The balance refund bill of op32 and of each part of op27: {@code pay} of the card's real
     * money paid back, and the gift money that goes with it forfeited: in proportion ({@code pay ×
     * gift ÷ real}, half up), all of it when the whole real balance goes.
     */
    PostedBill post(long tenantId, Actor actor, LockedCard card, Money pay, PaymentType paidBackBy, String remark) {
        Money forfeit = pay.equals(card.real()) ? card.gift() : pay.multiplyRounded(card.gift(), card.real());
        List<Entry> entries = new ArrayList<>(List.of(Entry.balanceRefund(card.id(), pay)));
        if (forfeit.isPositive()) {
            entries.add(Entry.giftForfeit(card.id(), forfeit));
        }
        return ledger.post(
                tenantId,
                Bill.of(BillKind.BALANCE_REFUND, card.id(), actor, pay, remark, entries)
                        .withPaymentType(paidBackBy),
                card);
    }

    private void refundAlong(long tenantId, PostedBill bill, List<Part> parts) {
        for (Part part : parts) {
            records.refund(tenantId, bill.id(), part.record().id(), part.money());
        }
    }

    /** Covers {@code amount} from the newest records on; money beyond them (opening balances) follows none. */
    static List<Part> newestFirst(List<PaymentRecords.Record> refundable, Money amount) {
        List<Part> parts = new ArrayList<>();
        Money left = amount;
        for (PaymentRecords.Record record : refundable) {
            if (!left.isPositive()) {
                break;
            }
            Money part = left.min(record.refundable());
            parts.add(new Part(record, part));
            left = left.minus(part);
        }
        return parts;
    }

    /** The records the request names: each must be the member's, with enough left, and add up. */
    static List<Part> named(
            List<PaymentRecords.Record> refundable, List<TillRequests.RefundDetail> details, Money amount) {
        Map<Long, PaymentRecords.Record> byId =
                refundable.stream().collect(Collectors.toMap(PaymentRecords.Record::id, Function.identity()));
        List<Part> parts = new ArrayList<>();
        Money sum = Money.ZERO;
        for (int i = 0; i < details.size(); i++) {
            TillRequests.RefundDetail detail = details.get(i);
            PaymentRecords.Record record = byId.get(detail.recordId());
            Money money = Money.of(detail.money());
            if (record == null) {
                throw BusinessException.invalid("details[" + i + "].recordId", "error.unknownReference");
            }
            if (money.compareTo(record.refundable()) > 0) {
                throw new BusinessException(BusinessCode.REFUND_EXCEEDS_PAID, "error.recordExceeds", record.id());
            }
            parts.add(new Part(record, money));
            sum = sum.plus(money);
        }
        if (!sum.equals(amount)) {
            throw BusinessException.invalid("details", "error.detailsSum");
        }
        return parts;
    }
}
