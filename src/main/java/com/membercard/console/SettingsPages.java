package com.membercard.console;

import com.membercard.catalog.CardPolicy;
import com.membercard.catalog.CardPolicyRequest;
import com.membercard.catalog.TenantSettings;
import com.membercard.shared.KeyValue;
import com.membercard.shared.PaymentType;
import com.membercard.tenancy.Caller;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The tenant's settings of op15 (scan pay on or off) and op16 (the payment types a recharge takes),
 * and its card policy (README "Card policy"): read by administrators and auditors, changed by
 * administrators, through the catalog module's {@link TenantSettings} as the API's settings.
 */
@Controller
class SettingsPages {

    private final TenantSettings settings;
    private final ConsoleForms forms;

    SettingsPages(TenantSettings settings, ConsoleForms forms) {
        this.settings = settings;
        this.forms = forms;
    }

    @GetMapping("/console/settings")
    String page(@AuthenticationPrincipal Caller caller, Model model) {
        long tenantId = caller.tenantId();
        model.addAttribute("scanPayEnabled", settings.scanPayEnabled(tenantId));
        model.addAttribute("rechargeTypes", settings.rechargePaymentTypes(tenantId));
        model.addAttribute("paymentTypes", ConsoleForms.paymentTypesByHand());
        return "console/settings";
    }

    /** A checkbox per payment type: checked allows it for recharges, unchecked refuses it. */
    @PostMapping("/console/settings")
    String save(
            @AuthenticationPrincipal Caller caller,
            @RequestParam Map<String, String> form,
            Model model,
            RedirectAttributes redirect) {
        long tenantId = caller.tenantId();
        List<KeyValue<Boolean>> flags = ConsoleForms.paymentTypesByHand().stream()
                .map(PaymentType::code)
                .map(code -> new KeyValue<>(code, form.containsKey("type" + code)))
                .toList();
        boolean saved = forms.run(model, () -> flags, chosen -> {
            settings.setScanPayEnabled(tenantId, form.containsKey("scanPayEnabled"));
            settings.setRechargePaymentTypes(tenantId, chosen);
        });
        if (!saved) {
            return page(caller, model);
        }
        redirect.addFlashAttribute("done", true);
        return "redirect:/console/settings";
    }

    @GetMapping("/console/settings/card-policy")
    String cardPolicy(@AuthenticationPrincipal Caller caller, Model model) {
        CardPolicy policy = settings.cardPolicy(caller.tenantId());
        Map<String, String> typed = new HashMap<>();
        typed.put("minSecretLength", String.valueOf(policy.minSecretLength()));
        typed.put("giftWithoutPlanCap", policy.giftWithoutPlanCap().toString());
        if (policy.giftWithoutPlan()) {
            typed.put("giftWithoutPlan", "on");
        }
        return cardPolicyPage(typed, model);
    }

    /** As {@code PUT /api/v1/settings/card-policy}, checked by its own request's constraints. */
    @PostMapping("/console/settings/card-policy")
    String saveCardPolicy(
            @AuthenticationPrincipal Caller caller,
            @RequestParam Map<String, String> form,
            Model model,
            RedirectAttributes redirect) {
        long tenantId = caller.tenantId();
        boolean saved = forms.run(
                model,
                () -> new CardPolicyRequest(
                        ConsoleForms.whole("minSecretLength", form.get("minSecretLength")),
                        ConsoleForms.yesNo(form.get("giftWithoutPlan")),
                        ConsoleForms.money("giftWithoutPlanCap", form.get("giftWithoutPlanCap"))),
                request -> settings.setCardPolicy(tenantId, request));
        if (!saved) {
            return cardPolicyPage(form, model);
        }
        redirect.addFlashAttribute("done", true);
        return "redirect:/console/settings/card-policy";
    }

    private static String cardPolicyPage(Map<String, String> typed, Model model) {
        model.addAttribute("typed", typed);
        return "console/card-policy";
    }
}
