package com.membercard.scanpay;

import com.membercard.shared.PaymentType;
import java.util.Optional;

/**
 * Which wallet a customer's payment code belongs to, from its prefix and length (DOMAIN.md "Scan
 * pay"): WeChat 18 digits starting 10–15, Alipay 16–24 digits starting 25–30, UnionPay 19 digits
 * starting 62.
 */
enum Wallet {
    WECHAT(PaymentType.WECHAT),
    ALIPAY(PaymentType.ALIPAY),
    UNIONPAY(PaymentType.UNIONPAY);

    private final PaymentType paymentType;

    Wallet(PaymentType paymentType) {
        this.paymentType = paymentType;
    }

    PaymentType paymentType() {
        return paymentType;
    }

    static Optional<Wallet> ofPayCode(String code) {
        if (code == null || code.isEmpty() || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        int length = code.length();
        int prefix = length >= 2 ? Integer.parseInt(code.substring(0, 2)) : -1;
        if (length == 18 && prefix >= 10 && prefix <= 15) {
            return Optional.of(WECHAT);
        }
        if (length >= 16 && length <= 24 && prefix >= 25 && prefix <= 30) {
            return Optional.of(ALIPAY);
        }
        if (length == 19 && prefix == 62) {
            return Optional.of(UNIONPAY);
        }
        return Optional.empty();
    }

    static Wallet of(PaymentType type) {
        for (Wallet wallet : values()) {
            if (wallet.paymentType == type) {
                return wallet;
            }
        }
        throw new IllegalArgumentException("not a wallet: " + type);
    }
}
