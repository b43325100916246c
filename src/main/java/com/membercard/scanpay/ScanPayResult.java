package com.membercard.scanpay;

import com.membercard.shared.PaymentType;

/** op25–op28's data: which wallet, and {@code timestamp} the gateway's transaction id (null until paid). */
public record ScanPayResult(PaymentType paymentType, String timestamp) {}
