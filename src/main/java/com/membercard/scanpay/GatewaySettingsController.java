package com.membercard.scanpay;

import com.membercard.catalog.TenantSettings;
import com.membercard.shared.BusinessException;
import com.membercard.shared.Envelope;
import com.membercard.shared.web.BusinessCodes;
import com.membercard.tenancy.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's payment gateways (tenant administrators change them, auditors read them masked), and
 * op15, which answers from them whether scan pay is usable.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Scan pay (扫码支付)")
class GatewaySettingsController {

    private final GatewaySettings settings;
    private final Gateways gateways;
    private final TenantSettings tenantSettings;

    GatewaySettingsController(GatewaySettings settings, Gateways gateways, TenantSettings tenantSettings) {
        this.settings = settings;
        this.gateways = gateways;
        this.tenantSettings = tenantSettings;
    }

    @GetMapping("/settings/scan-pay-enabled")
    @Operation(
            summary = "op15 是否开通扫码支付 — is scan pay usable",
            description = "`true` when the tenant's administrators switched scan pay on (`PUT` on this path) and a"
                    + " gateway takes payment codes: an enabled WeChat Pay or Alipay gateway, or the sandbox while"
                    + " the tenant has none and the deployment allows it.")
    boolean scanPayUsable(@AuthenticationPrincipal Caller caller) {
        long tenantId = caller.tenantId();
        return tenantSettings.scanPayEnabled(tenantId) && gateways.anyUsable(tenantId);
    }

    @GetMapping("/payment-gateways")
    @Operation(
            summary = "支付通道 — the tenant's payment gateways (ours)",
            description = "WeChat Pay and Alipay, configured or not; every secret is `set` or absent, never shown.")
    List<GatewayView> list(@AuthenticationPrincipal Caller caller) {
        return settings.views(caller.tenantId());
    }

    @GetMapping("/payment-gateways/{gateway}")
    @Operation(summary = "支付通道 — one payment gateway (ours)", description = "`WECHAT` or `ALIPAY`, masked.")
    @BusinessCodes(400)
    GatewayView one(@AuthenticationPrincipal Caller caller, @PathVariable String gateway) {
        return settings.view(caller.tenantId(), gatewayNamed(gateway));
    }

    @PutMapping("/payment-gateways/{gateway}")
    @Operation(
            summary = "设置支付通道 — configure a payment gateway (ours)",
            description = "`WECHAT`: `enabled`, `appId`, `merchantId`, `merchantKey` (32 letters and digits),"
                    + " `signType` (MD5 or HMAC-SHA256), `certificate` (base64 of apiclient_cert.p12; required"
                    + " unless `gatewayUrl` is this machine), `gatewayUrl`. `ALIPAY`: `enabled`, `appId`,"
                    + " `privateKey` (RSA2, PKCS#8 base64), `alipayPublicKey`, `gatewayUrl`. Secrets are"
                    + " encrypted at rest and never answered; left out, the stored one stays. `gatewayUrl` is"
                    + " https (plain http only to this machine). Once a gateway is enabled, the wallets without"
                    + " one of their own are refused (455) instead of going to the sandbox. Answers the masked"
                    + " settings.")
    @BusinessCodes(400)
    Envelope<GatewayView> configure(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String gateway,
            @RequestBody(required = false) GatewayRequest request) {
        if (request == null) {
            throw BusinessException.invalid("enabled", "error.required");
        }
        return Envelope.ok(settings.save(caller.tenantId(), caller, gatewayNamed(gateway), request));
    }

    private static RealGateway gatewayNamed(String gateway) {
        return RealGateway.named(gateway).orElseThrow(() -> BusinessException.invalid("gateway", "error.gateway.name"));
    }
}
