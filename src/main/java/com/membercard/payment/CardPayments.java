package com.membercard.payment;

import com.membercard.card.Card;
import com.membercard.card.CardAuthentication;
import com.membercard.card.CardCredentials;
import com.membercard.card.CardUse;
import com.membercard.card.LockedCard;
import com.membercard.catalog.CardClass;
import com.membercard.catalog.CardClasses;
import com.membercard.catalog.MemberLevel;
import com.membercard.catalog.MemberLevels;
import com.membercard.ledger.Bill;
import com.membercard.ledger.BillKind;
import com.membercard.ledger.Entry;
import com.membercard.ledger.Ledger;
import com.membercard.ledger.LedgerQueries;
import com.membercard.ledger.PointsLots;
import com.membercard.ledger.PostedBill;
import com.membercard.shared.BusinessCode;
import com.membercard.shared.BusinessException;
import com.membercard.shared.Envelope;
import com.membercard.shared.Money;
import com.membercard.tenancy.Actor;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/** Paying with the card (op23), cancelling or refunding such a payment (op24), and what comes before (op21, op22). */
@Service
// public on purpose: the admin console's web till runs the same commands as the API's TillController
public class CardPayments {

    private final Till till;
    private final Ledger ledger;
    private final LedgerQueries history;
    private final PointsLots lots;
    private final CardAuthentication authentication;
    private final CardClasses cardClasses;
    private final MemberLevels levels;

    private final Clock clock;

    CardPayments(
            Till till,
            Ledger ledger,
            LedgerQueries history,
            PointsLots lots,
            CardAuthentication authentication,
            CardClasses cardClasses,
            MemberLevels levels,
            Clock clock) {
        this.clock = clock;
        this.till = till;
        this.ledger = ledger;
        this.history = history;
        this.lots = lots;
        this.authentication = authentication;
        this.cardClasses = cardClasses;
        this.levels = levels;
    }

    /** op21 (code and secret or payment code) and op22 (secret or payment code alone). */
    public PayInfo info(long tenantId, String cardCode, String mac) {
        Card card = authentication.authenticate(tenantId, CardCredentials.of(cardCode, mac), CardUse.PAY_INFO);
        card.cardStatus().requireUsable();
        return payInfo(
                tenantId, card.code(), cardClasses.get(tenantId, card.classId()), card.balance(), card.memberLevelId());
    }

    /**
     * op23: takes {@code money} from the card, split by its class's deduction order, and earns points.
     * Its answer is known before the bill is written, so the bill's statement also writes the serial's
     * record (one round trip fewer on the till's most frequent command).
     */
    public Envelope<PayInfo> pay(long tenantId, Actor actor, TillRequests.Pay request) {
        Money money = Money.of(request.money());
        return till.runRecording(tenantId, "CARD_PAYMENT", request.code(), request, PayInfo.class, record -> {
            LockedCard card =
                    till.presentedCard(tenantId, request.cardCode(), request.mac(), request.password(), CardUse.PAY);
            card.cardStatus().requireUsable();
            if (card.balance().compareTo(money) < 0) {
                throw new BusinessException(BusinessCode.INSUFFICIENT_BALANCE);
            }
            CardClass cardClass = cardClasses.get(tenantId, card.classId());
            Split split = Split.payment(cardClass.deductOrder(), card.real(), card.gift(), money);
            long points = cardClass.canPoint() ? PointsRule.earned(money, cardClass.pointsBasic()) : 0;
            List<Entry> entries = new ArrayList<>(List.of(Entry.payment(card.id(), split.real(), split.gift())));
            if (points > 0) {
                entries.add(Entry.pointsEarned(card.id(), points));
            }
            PayInfo answer =
                    payInfo(tenantId, card.code(), cardClass, card.balance().minus(money), card.memberLevelId());
            PostedBill bill = ledger.post(
                    tenantId,
                    Bill.of(BillKind.CARD_PAYMENT, card.id(), actor, money, null, entries)
                            .withOrderCode(request.code()),
                    record.answer(answer),
                    card);
            if (points > 0) {
                OffsetDateTime now = OffsetDateTime.now(clock);
                OffsetDateTime expires =
                        cardClass.pointsValidDays() > 0 ? now.plusDays(cardClass.pointsValidDays()) : null;
                lots.create(tenantId, card.id(), bill.id(), points, expires, now);
            }
            return answer;
        });
    }

    /**
     * op24: gives back {@code money} of the card payment of order {@code code}, in the payment's own
     * real/gift split, and takes back the points the refunded part earned. All refunds of one order
     * together never exceed what it paid (612).
     */
    public Envelope<PayInfo> refund(long tenantId, Actor actor, TillRequests.RefundPayment request) {
        Money money = Money.of(request.money());
        return till.run(tenantId, "PAYMENT_REFUND", request.serial(), request, PayInfo.class, () -> {
            LockedCard card =
                    till.presentedCard(tenantId, request.cardCode(), request.mac(), null, CardUse.REFUND_PAYMENT);
            card.cardStatus().requireUsable();
            LedgerQueries.Payment payment = history.paymentOfOrder(tenantId, card.memberId(), request.code())
                    .orElseThrow(() -> BusinessException.notFound("entity.payment"));
            Split paid = new Split(payment.real(), payment.gift());
            Split before = new Split(payment.refundedReal(), payment.refundedGift());
            if (before.total().plus(money).compareTo(paid.total()) > 0) {
                throw new BusinessException(
                        BusinessCode.REFUND_EXCEEDS_PAID,
                        "error.refundExceeds",
                        paid.total().minus(before.total()));
            }
            Split back = Split.refund(paid, before, money);
            CardClass cardClass = cardClasses.get(tenantId, card.classId());
            long takeBack = cardClass.canPoint()
                    ? PointsRule.toTakeBack(paid.total(), before.total(), money, cardClass.pointsBasic())
                    : 0;
            long available = lots.availablePoints(tenantId, card.id(), OffsetDateTime.now(clock));
            long taken = Math.min(takeBack, available);
            List<Entry> entries = new ArrayList<>(List.of(Entry.paymentRefund(card.id(), back.real(), back.gift())));
            if (takeBack > 0) {
                entries.add(Entry.pointsReversed(card.id(), taken, takeBack - taken));
            }
            PostedBill bill = ledger.post(
                    tenantId,
                    Bill.of(BillKind.PAYMENT_REFUND, card.id(), actor, money, null, entries)
                            .withOrderCode(request.code())
                            .withRelatedBill(payment.billId()),
                    card);
            if (taken > 0) {
                OffsetDateTime now = OffsetDateTime.now(clock);
                lots.take(
                        tenantId,
                        card.id(),
                        bill.id(),
                        PointsLots.Reason.REVERSE,
                        taken,
                        now,
                        lots.lotOfBill(tenantId, payment.billId()).orElse(null));
                lots.refreshExpiryDate(tenantId, card.id(), now);
            }
            return payInfo(tenantId, card.code(), cardClass, card.balance().plus(money), card.memberLevelId());
        });
    }

    private PayInfo payInfo(long tenantId, String cardCode, CardClass cardClass, Money balance, long levelId) {
        MemberLevel level = levels.find(tenantId, levelId).orElse(null);
        BigDecimal discount = cardClass.canDiscount() && level != null ? level.discount() : BigDecimal.ONE;
        return new PayInfo(cardCode, balance, discount, cardClass.canMemberPrice());
    }
}
