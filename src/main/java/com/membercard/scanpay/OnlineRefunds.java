package com.membercard.scanpay;

import com.membercard.scanpay.Attempts.Attempt;
import com.membercard.scanpay.Attempts.Kind;
import com.membercard.shared.BusinessCode;
import com.membercard.shared.BusinessException;
import com.membercard.shared.Money;
import com.membercard.shared.PaymentType;
import com.membercard.tenancy.Actor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Scan pay as the card's recharges and balance refunds need it: a recharge paid by scan pay claims
 * that payment for its payment record (op29), and a balance refund sends its parts back along
 * those payments (op27), each part an attempt of kind BALANCE_REFUND named by its balance refund
 * bill. A part the gateway refuses is published as {@link OnlineRefundFailed} in the transaction
 * that settles it.
 */
@Service
public class OnlineRefunds {

    /** A part's state at the gateway: {@code status} 701 refunded, 702 refused, 703 unknown, null pending. */
    public record Part(PaymentType paymentType, Money money, Integer status, String transactionId) {}

    private final Attempts attempts;
    private final RechargeClaims claims;
    private final ScanRefunds refunds;
    private final ScanPayments payments;

    OnlineRefunds(Attempts attempts, RechargeClaims claims, ScanRefunds refunds, ScanPayments payments) {
        this.attempts = attempts;
        this.claims = claims;
        this.refunds = refunds;
        this.payments = payments;
    }

    /**
     * op29: payment record {@code recordId} (of {@code type}, {@code money}) was paid by order
     * {@code orderCode}'s scan payment. The payment must be paid, of that wallet and amount, with
     * nothing refunded and no other recharge's; else 400 naming {@code field}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void claim(long tenantId, String orderCode, PaymentType type, Money money, long recordId, String field) {
        attempts.lockOrder(tenantId, Kind.PAY, orderCode);
        Attempt paid;
        try {
            paid = refunds.paidAttempt(tenantId, orderCode);
        } catch (BusinessException notPaid) {
            throw BusinessException.invalid(field, "error.scanPaymentNotPaid");
        }
        if (paid.paymentType() != type) {
            throw BusinessException.invalid(field, "error.scanPaymentWallet");
        }
        if (!paid.money().equals(money)) {
            throw BusinessException.invalid(field, "error.scanPaymentAmount");
        }
        if (claims.isClaimed(tenantId, paid.id())
                || !attempts.refundsOf(tenantId, paid.id()).stream()
                        .allMatch(r -> r.status() != null && r.status() == Attempts.FAILED)) {
            throw BusinessException.invalid(field, "error.scanPaymentUsed");
        }
        claims.claim(tenantId, paid.id(), recordId);
    }

    /** Whether payment record {@code recordId}'s money came by scan pay, so it can go back along it. */
    public boolean paidOnline(long tenantId, long recordId) {
        return claims.paidAttemptOf(tenantId, recordId).isPresent();
    }

    /**
     * op27's first phase, inside the caller's transaction: writes the refund of {@code money} along
     * payment record {@code recordId}'s scan payment (pending), named by the part's bill {@code
     * billNo}. 452 when no scan payment paid the record, 612 beyond what it has left, 450 when its
     * gateway is no longer configured.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long begin(long tenantId, Actor actor, long recordId, String billNo, Money money) {
        long paidId = claims.paidAttemptOf(tenantId, recordId)
                .orElseThrow(() -> new BusinessException(BusinessCode.RECORD_NOT_ONLINE));
        Attempt paid = attempts.byId(tenantId, paidId).orElseThrow();
        attempts.lockOrder(tenantId, Kind.PAY, paid.orderCode());
        refunds.requireRefundable(tenantId, paid, money);
        return refunds.insertRefund(
                tenantId, Kind.BALANCE_REFUND, billNo, paid, money, actor, payments.businessDate(tenantId, actor));
    }

    /** op27's second phase for the part of bill {@code billNo}, outside any transaction: the gateway, then the outcome. */
    public Part send(long tenantId, String billNo) {
        return part(refunds.send(attemptOf(tenantId, billNo)));
    }

    /** The state of the part of bill {@code billNo}. */
    public Part part(long tenantId, String billNo) {
        return part(attemptOf(tenantId, billNo));
    }

    private Attempt attemptOf(long tenantId, String billNo) {
        return attempts.ofOrder(tenantId, Kind.BALANCE_REFUND, billNo).stream()
                .reduce((older, newer) -> newer)
                .orElseThrow();
    }

    private static Part part(Attempt attempt) {
        return new Part(attempt.paymentType(), attempt.money(), attempt.status(), attempt.transactionId());
    }
}
