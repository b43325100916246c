package com.membercard.scanpay;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;

/**
 * A tenant's settings of one real gateway as anyone may read them: every secret is {@code "set"} or
 * absent, never its value or a part of it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A payment gateway's settings, secrets masked")
record GatewayView(
        @Schema(example = "WECHAT") String gateway,

        @Schema(example = "3", description = "the wallet it takes: 3 WeChat, 4 Alipay")
        int paymentType,

        boolean configured,
        Boolean enabled,
        String appId,
        @Schema(description = "WeChat's mch_id") String merchantId,
        @Schema(example = "MD5") String signType,
        @Schema(example = "https://api.mch.weixin.qq.com") String gatewayUrl,

        @Schema(example = "set", description = "WeChat's API key: `set`, never its value")
        String merchantKey,

        @Schema(example = "set", description = "WeChat's API certificate: `set` or absent")
        String certificate,

        @Schema(example = "set", description = "the Alipay application's private key: `set`, never its value")
        String privateKey,

        @Schema(description = "Alipay's public key (public)")
        String alipayPublicKey,

        OffsetDateTime updatedAt) {

    static final String SET = "set";

    static GatewayView notConfigured(RealGateway gateway) {
        return new GatewayView(
                gateway.name(),
                gateway.wallet.paymentType().code(),
                false,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }
}
