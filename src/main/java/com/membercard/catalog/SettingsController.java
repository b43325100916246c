package com.membercard.catalog;

import com.membercard.shared.BusinessException;
import com.membercard.shared.Envelope;
import com.membercard.shared.KeyValue;
import com.membercard.shared.web.BusinessCodes;
import com.membercard.tenancy.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/settings")
@Tag(name = "Settings (设置)")
class SettingsController {

    private final TenantSettings settings;

    SettingsController(TenantSettings settings) {
        this.settings = settings;
    }

    // op15's GET is answered by scanpay (GatewaySettingsController): usable needs this switch and a gateway

    @PutMapping("/scan-pay-enabled")
    @Operation(summary = "设置扫码支付 — turn scan pay on or off", description = "Body: `true` or `false`.")
    @BusinessCodes(400)
    Envelope<Void> setScanPayEnabled(@AuthenticationPrincipal Caller caller, @RequestBody Boolean enabled) {
        if (enabled == null) {
            throw BusinessException.invalid("enabled", "error.required");
        }
        settings.setScanPayEnabled(caller.tenantId(), enabled);
        return Envelope.ok();
    }

    @GetMapping("/recharge-payment-types")
    @Operation(
            summary = "op16 充值可用支付方式 — payment types allowed for recharge",
            description = "[{key: paymentType, value: allowed}] for every type but 2 (member card)")
    List<KeyValue<Boolean>> rechargePaymentTypes(@AuthenticationPrincipal Caller caller) {
        return settings.rechargePaymentTypeFlags(caller.tenantId());
    }

    @PutMapping("/recharge-payment-types")
    @Operation(
            summary = "设置充值支付方式 — allow or refuse payment types for recharge",
            description = "Body: op16's shape; types not listed keep their flag. Type 2 is refused (400).")
    @BusinessCodes(400)
    Envelope<Void> setRechargePaymentTypes(
            @AuthenticationPrincipal Caller caller, @RequestBody List<KeyValue<Boolean>> flags) {
        settings.setRechargePaymentTypes(caller.tenantId(), flags);
        return Envelope.ok();
    }

    @GetMapping("/card-policy")
    @Operation(
            summary = "卡安全策略 — the card policy (ours)",
            description = "`minSecretLength` (default 8), and whether a recharge may carry gift money without a "
                    + "recharge plan (`giftWithoutPlan`, default false) up to `giftWithoutPlanCap`.")
    CardPolicy cardPolicy(@AuthenticationPrincipal Caller caller) {
        return settings.cardPolicy(caller.tenantId());
    }

    @PutMapping("/card-policy")
    @Operation(
            summary = "设置卡安全策略 — set the card policy (ours)",
            description = "A cap is required, and above zero, when `giftWithoutPlan` is true.")
    @BusinessCodes(400)
    Envelope<Void> setCardPolicy(
            @AuthenticationPrincipal Caller caller, @Valid @RequestBody CardPolicyRequest request) {
        settings.setCardPolicy(caller.tenantId(), request);
        return Envelope.ok();
    }
}
