package com.membercard.payment;

import com.membercard.card.Card;
import com.membercard.card.CardUse;
import com.membercard.card.Cards;
import com.membercard.card.LockedCard;
import com.membercard.catalog.CardClasses;
import com.membercard.catalog.CardPolicy;
import com.membercard.catalog.RechargePlan;
import com.membercard.catalog.RechargePlans;
import com.membercard.catalog.TenantSettings;
import com.membercard.ledger.Bill;
import com.membercard.ledger.BillKind;
import com.membercard.ledger.Entry;
import com.membercard.ledger.Ledger;
import com.membercard.ledger.LedgerQueries;
import com.membercard.ledger.PaymentRecords;
import com.membercard.ledger.PostedBill;
import com.membercard.scanpay.OnlineRefunds;
import com.membercard.shared.BusinessCode;
import com.membercard.shared.BusinessException;
import com.membercard.shared.Envelope;
import com.membercard.shared.Money;
import com.membercard.shared.PaymentType;
import com.membercard.shared.security.SecurityEvent;
import com.membercard.tenancy.Actor;
import com.membercard.tenancy.Caller;
import com.membercard.tenancy.Role;
import com.membercard.tenancy.TenantDirectory;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/** Recharging a card (op29), and refunding one recharge in full (op17 draft, op31). */
@Service
// public on purpose: the admin console's web till runs the same commands as the API's TillController
public class Recharges {

    /** What op29 answers in {@code data}: what was applied, and the card's balances after. */
    public record Result(
            String rechargeCode,
            Money money,
            Money payMoney,
            Money giveMoney,
            Money balance,
            Money actualBalance,
            Money giveBalance) {}

    /** op17's draft, in op31's request shape, ready to submit with a fresh serial. */
    record Draft(
            Long id,
            String billNo,
            String cardCode,
            String mac,
            PaymentType paymentType,
            String rechargeCode,
            Money money,
            Money payMoney,
            Money giveMoney,
            String remark,
            String timestamp,
            Long userId) {}

    /** The amounts a recharge applies, once its plan (if any) has decided them. */
    private record Amounts(Money pay, Money give) {
        Money money() {
            return pay.plus(give);
        }
    }

    private final Till till;
    private final Ledger ledger;
    private final LedgerQueries history;
    private final PaymentRecords records;
    private final Cards cards;
    private final CardClasses cardClasses;
    private final RechargePlans plans;
    private final TenantSettings settings;
    private final TenantDirectory tenants;
    private final ApplicationEventPublisher events;
    private final OnlineRefunds onlineRefunds;
    private final Clock clock;

    Recharges(
            Till till,
            Ledger ledger,
            LedgerQueries history,
            PaymentRecords records,
            Cards cards,
            CardClasses cardClasses,
            RechargePlans plans,
            TenantSettings settings,
            TenantDirectory tenants,
            ApplicationEventPublisher events,
            OnlineRefunds onlineRefunds,
            Clock clock) {
        this.events = events;
        this.onlineRefunds = onlineRefunds;
        this.clock = clock;
        this.till = till;
        this.ledger = ledger;
        this.history = history;
        this.records = records;
        this.cards = cards;
        this.cardClasses = cardClasses;
        this.plans = plans;
        this.settings = settings;
        this.tenants = tenants;
    }

    /**
     * op29: real money += payMoney, gift money += giveMoney, and the payment details are kept for
     * refunds. Gift money without a plan must be within the tenant's card policy; a tenant
     * administrator may give more, and that override is recorded as a security event.
     */
    public Envelope<Result> recharge(Caller caller, Actor actor, TillRequests.Recharge request) {
        long tenantId = caller.tenantId();
        checkDetails(tenantId, request);
        Amounts amounts = amounts(tenantId, request);
        boolean override = request.planId() == null && !giftWithinPolicy(tenantId, amounts.give());
        if (override && caller.role() != Role.TENANT_ADMIN) {
            throw giftRefused(settings.cardPolicy(tenantId));
        }
        Envelope<Result> answer = recharge(tenantId, actor, request, amounts);
        if (override && answer.status() == BusinessCode.SUCCESS.code()) {
            events.publishEvent(new SecurityEvent(
                    tenantId,
                    SecurityEvent.Kind.GIFT_MONEY_OVERRIDE,
                    caller.operatorId(),
                    caller.apiKeyId(),
                    request.cardCode(),
                    null,
                    "recharge " + answer.data().rechargeCode() + " gave " + amounts.give()
                            + " of gift money without a plan, beyond the card policy"));
        }
        return answer;
    }

    private boolean giftWithinPolicy(long tenantId, Money give) {
        if (!give.isPositive()) {
            return true;
        }
        CardPolicy policy = settings.cardPolicy(tenantId);
        return policy.giftWithoutPlan() && give.compareTo(policy.giftWithoutPlanCap()) <= 0;
    }

    private static BusinessException giftRefused(CardPolicy policy) {
        return policy.giftWithoutPlan()
                ? new BusinessException(
                        BusinessCode.GIFT_MONEY_REFUSED, "error.giftOverCap", policy.giftWithoutPlanCap())
                : new BusinessException(BusinessCode.GIFT_MONEY_REFUSED, "error.giftOnlyByPlan");
    }

    private Envelope<Result> recharge(long tenantId, Actor actor, TillRequests.Recharge request, Amounts amounts) {
        return till.run(tenantId, "RECHARGE", request.timestamp(), request, Result.class, () -> {
            LockedCard card = till.presentedCard(tenantId, request.cardCode(), request.mac(), null, CardUse.RECHARGE);
            card.cardStatus().requireUsable();
            if (!cardClasses.get(tenantId, card.classId()).canRecharge()) {
                throw new BusinessException(BusinessCode.NOT_ALLOWED_IN_STATE, "error.cannotRecharge");
            }
            PostedBill bill = ledger.post(
                    tenantId,
                    Bill.of(
                                    BillKind.RECHARGE,
                                    card.id(),
                                    actor,
                                    amounts.money(),
                                    request.remark(),
                                    List.of(Entry.recharge(card.id(), amounts.pay(), amounts.give())))
                            .withPlan(request.planId()),
                    card);
            for (int i = 0; i < request.details().size(); i++) {
                TillRequests.Detail detail = request.details().get(i);
                PaymentType type = PaymentType.ofCode(detail.paymentType());
                Money money = Money.of(detail.money());
                long recordId = records.record(tenantId, bill.id(), card.id(), type, money);
                if (detail.orderCode() != null && !detail.orderCode().isBlank()) {
                    // paid by scan pay: op27 can send this part back along that payment
                    onlineRefunds.claim(
                            tenantId, detail.orderCode(), type, money, recordId, "details[" + i + "].orderCode");
                }
            }
            Money real = card.real().plus(amounts.pay());
            Money gift = card.gift().plus(amounts.give());
            return new Result(
                    bill.billNo(), amounts.money(), amounts.pay(), amounts.give(), real.plus(gift), real, gift);
        });
    }

    /** op17: the newest recharge of the card that can still be refunded whole. */
    Draft refundDraft(long tenantId, String cardCode) {
        Card card =
                cards.byCode(tenantId, cardCode).orElseThrow(() -> new BusinessException(BusinessCode.CARD_NOT_FOUND));
        Money real = card.real();
        Money gift = card.gift();
        LedgerQueries.Recharge recharge = history.recharges(tenantId, card.memberId()).stream()
                .filter(r -> !r.refunded()
                        && r.payMoney().compareTo(real) <= 0
                        && r.giveMoney().compareTo(gift) <= 0)
                .findFirst()
                .orElseThrow(() -> BusinessException.notFound("entity.recharge"));
        return new Draft(
                recharge.billId(),
                null,
                card.code(),
                "",
                recharge.firstPaymentType(),
                recharge.billNo(),
                recharge.payMoney().plus(recharge.giveMoney()),
                recharge.payMoney(),
                recharge.giveMoney(),
                null,
                Serials.fresh("RR"),
                null);
    }

    /**
     * op31: takes back recharge {@code rechargeCode} whole. 612 if it was refunded before (or its
     * money already went back another way), 605 if the card no longer holds what it brought.
     */
    Envelope<Void> refund(long tenantId, Actor actor, TillRequests.RefundRecharge request) {
        return till.run(tenantId, "RECHARGE_REFUND", request.timestamp(), request, Void.class, () -> {
            LockedCard card = till.presentedCard(
                    tenantId, request.cardCode(), request.mac(), request.password(), CardUse.WITHDRAW);
            card.cardStatus().requireUsable();
            LedgerQueries.Recharge recharge = history.recharge(tenantId, card.memberId(), request.rechargeCode())
                    .orElseThrow(() -> BusinessException.notFound("entity.recharge"));
            List<PaymentRecords.Record> paid = records.ofBill(tenantId, recharge.billId());
            if (recharge.refunded()
                    || paid.stream().anyMatch(r -> !r.refundable().equals(r.money()))) {
                throw new BusinessException(BusinessCode.REFUND_EXCEEDS_PAID, "error.alreadyRefunded");
            }
            if (card.real().compareTo(recharge.payMoney()) < 0 || card.gift().compareTo(recharge.giveMoney()) < 0) {
                throw new BusinessException(BusinessCode.INSUFFICIENT_BALANCE);
            }
            PostedBill bill = ledger.post(
                    tenantId,
                    Bill.of(
                                    BillKind.RECHARGE_REFUND,
                                    card.id(),
                                    actor,
                                    recharge.payMoney().plus(recharge.giveMoney()),
                                    request.remark(),
                                    List.of(Entry.rechargeRefund(card.id(), recharge.payMoney(), recharge.giveMoney())))
                            .withPaymentType(PaymentType.orNull(request.paymentType()))
                            .withRelatedBill(recharge.billId()),
                    card);
            for (PaymentRecords.Record record : paid) {
                records.refund(tenantId, bill.id(), record.id(), record.money());
            }
            return null;
        });
    }

    private void checkDetails(long tenantId, TillRequests.Recharge request) {
        Set<PaymentType> allowed = settings.rechargePaymentTypes(tenantId);
        Money sum = Money.ZERO;
        for (int i = 0; i < request.details().size(); i++) {
            TillRequests.Detail detail = request.details().get(i);
            PaymentType type = PaymentType.ofCode(detail.paymentType());
            if (type == PaymentType.MEMBER_CARD || !allowed.contains(type)) {
                throw BusinessException.invalid("details[" + i + "].paymentType", "error.paymentType");
            }
            sum = sum.plus(Money.of(detail.money()));
        }
        if (!sum.equals(Money.of(request.payMoney()))) {
            throw BusinessException.invalid("details", "error.detailsSum");
        }
    }

    /**
     * Without a plan the request's amounts, which must add up. With one, the plan decides: it must be
     * in use and inside its window (1001); a fixed plan needs its own payMoney and gives its
     * giveMoney, a modifiable one gives in proportion to what is paid (rounded half up).
     */
    private Amounts amounts(long tenantId, TillRequests.Recharge request) {
        Money pay = Money.of(request.payMoney());
        if (request.planId() == null) {
            Money give = request.giveMoney() == null ? Money.ZERO : Money.of(request.giveMoney());
            if (request.money() != null && !Money.of(request.money()).equals(pay.plus(give))) {
                throw BusinessException.invalid("money", "error.moneySum");
            }
            return new Amounts(pay, give);
        }
        RechargePlan plan = plans.find(tenantId, request.planId())
                .orElseThrow(() -> BusinessException.notFound("entity.rechargePlan"));
        LocalDateTime now = LocalDateTime.now(clock.withZone(tenants.zoneOf(tenantId)));
        boolean started = plan.startTime() == null || !now.isBefore(plan.startTime());
        boolean ended = plan.endTime() != null && now.isAfter(plan.endTime());
        if (!plan.inUse() || !started || ended) {
            throw new BusinessException(BusinessCode.CANNOT_PURCHASE, "error.planNotUsable");
        }
        Money planPay = plan.payMoney();
        Money planGive = plan.giveMoney();
        if (!plan.moneyModifiable()) {
            if (!pay.equals(planPay)) {
                throw BusinessException.invalid("payMoney", "error.planAmount");
            }
            return new Amounts(pay, planGive);
        }
        return new Amounts(pay, pay.multiplyRounded(planGive, planPay));
    }
}
