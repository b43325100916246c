package com.membercard.scanpay;

import com.membercard.shared.Money;
import java.time.LocalDate;
import java.util.List;

/**
 * One payment channel as the till's scan pay needs it: charge a customer's payment code, ask what
 * became of an order, cancel (reverse) one, refund it, ask after a refund, and list a day's
 * transactions. Every method names the order by our own gateway order number (WeChat's
 * {@code out_trade_no}, Alipay's {@code out_trade_no}) and a refund by our own refund number
 * ({@code out_refund_no} / {@code out_request_no}), which is the channel's idempotency key.
 *
 * <p>An implementation never throws for the channel's answer: a refusal is {@link Status#FAILED}, a
 * "system error", a timeout or a broken connection is {@link Status#UNKNOWN} (never failed).
 */
public interface PaymentGateway {

    /** The channel's state of an order or a refund. */
    enum Status {
        /** Charged (or refunded). */
        SUCCESS,
        /** The customer is still confirming on the phone (WeChat USERPAYING, Alipay WAIT_BUYER_PAY). */
        PAYING,
        /** Refused: nothing was charged. */
        FAILED,
        /** The payment code is out of date: nothing was charged. */
        CODE_EXPIRED,
        /** Cancelled at the channel: nothing stays charged. */
        REVERSED,
        /** The channel has no such order. */
        NOT_FOUND,
        /** No answer that can be trusted: ask again later. */
        UNKNOWN
    }

    /** An answer: the state, the channel's transaction id when there is one, and its message. */
    record Answer(Status status, String transactionId, String message) {

        static Answer of(Status status) {
            return new Answer(status, null, null);
        }

        static Answer unknown(String message) {
            return new Answer(Status.UNKNOWN, null, message);
        }
    }

    /** A line of a day's statement. */
    record StatementLine(String orderNo, String refundNo, String transactionId, Money money) {}

    /** Charges {@code money} to the customer's payment code. */
    Answer pay(String orderNo, String payCode, Money money, String description);

    Answer query(String orderNo);

    /** Cancels the order: a charge is given back, an open order closed. SUCCESS when nothing stays charged. */
    Answer reverse(String orderNo);

    /** Refunds {@code money} of the order (paid {@code total}); {@code refundNo} is the idempotency key. */
    Answer refund(String orderNo, String refundNo, Money total, Money money);

    Answer refundQuery(String orderNo, String refundNo);

    /** The channel's transactions of one day (payments with positive, refunds with negative money). */
    List<StatementLine> statement(LocalDate day);
}
