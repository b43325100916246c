package com.membercard.scanpay;

import com.membercard.scanpay.alipay.AlipayGateway;
import com.membercard.scanpay.wechat.WechatPayGateway;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The real gateways a tenant can configure, each for its wallet, with its address and signature
 * type when the settings name none. UnionPay has none: its codes go to the sandbox only.
 */
enum RealGateway {
    WECHAT(Wallet.WECHAT, WechatPayGateway.DEFAULT_URL, "MD5"),
    ALIPAY(Wallet.ALIPAY, AlipayGateway.DEFAULT_URL, "RSA2");

    final Wallet wallet;
    final String defaultUrl;
    final String defaultSignType;

    RealGateway(Wallet wallet, String defaultUrl, String defaultSignType) {
        this.wallet = wallet;
        this.defaultUrl = defaultUrl;
        this.defaultSignType = defaultSignType;
    }

    /** As a path names it: {@code wechat} or {@code WECHAT}. */
    static Optional<RealGateway> named(String name) {
        return Arrays.stream(values())
                .filter(g -> g.name().equals(name == null ? null : name.toUpperCase(Locale.ROOT)))
                .findFirst();
    }
}
