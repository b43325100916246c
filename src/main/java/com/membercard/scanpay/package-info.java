/**
 * Scan pay (op25, op26, op28) and online balance refunds (op27): the customer's WeChat, Alipay or
 * UnionPay payment code charged through a {@link com.membercard.scanpay.PaymentGateway}. Every call
 * to a gateway is two phases: the attempt is written (pending) and committed, the gateway is called
 * outside any transaction, and its answer is appended as an outcome; the janitor settles what stayed
 * unknown. The real gateways (WeChat Pay, Alipay) are each tenant's own, configured through the API
 * (scan_pay_gateway, secrets sealed).
 */
@ModuleTables(
        owns = {
            "scan_payment",
            "scan_payment_outcome",
            "scan_payment_claim",
            "scan_pay_gateway",
            "sandbox_order",
            "sandbox_refund"
        })
package com.membercard.scanpay;

import com.membercard.shared.ModuleTables;
