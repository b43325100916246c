package com.membercard.scanpay;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A tenant administrator's settings of one gateway ({@code PUT /api/v1/payment-gateways/{gateway}});
 * which fields each gateway takes is in the operation's description. A secret left out keeps the
 * stored one. Never printed whole: its secrets stay out of {@link #toString()}.
 */
@Schema(description = "A payment gateway's settings; a secret left out keeps the stored one")
record GatewayRequest(
        @Schema(example = "true") Boolean enabled,

        @Schema(example = "wx2421b1c4370ec43b", description = "WeChat's appid / Alipay's app_id")
        String appId,

        @Schema(example = "10000100", description = "WeChat only: mch_id")
        String merchantId,

        @Schema(example = "MD5", description = "WeChat: MD5 (default) or HMAC-SHA256; Alipay: RSA2")
        String signType,

        @Schema(description = "the gateway's address; the real one when absent")
        String gatewayUrl,

        @Schema(description = "WeChat only: the 32-character API key")
        String merchantKey,

        @Schema(description = "WeChat only: base64 of apiclient_cert.p12 (its password is mch_id)")
        String certificate,

        @Schema(description = "Alipay only: the application's RSA2 private key, PKCS#8 base64")
        String privateKey,

        @Schema(description = "Alipay only: Alipay's RSA2 public key, X.509 base64")
        String alipayPublicKey) {

    @Override
    public String toString() {
        return "GatewayRequest[enabled=" + enabled + ", appId=" + appId + ", merchantId=" + merchantId + ", gatewayUrl="
                + gatewayUrl + "]";
    }
}
