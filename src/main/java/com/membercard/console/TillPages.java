package com.membercard.console;

import static com.membercard.console.ConsoleForms.money;

import com.membercard.catalog.Gifts;
import com.membercard.catalog.RechargePlans;
import com.membercard.member.MemberQueries;
import com.membercard.member.MemberView;
import com.membercard.member.PersonalData;
import com.membercard.member.PersonalData.Purpose;
import com.membercard.payment.CardPayments;
import com.membercard.payment.GiftRedemptions;
import com.membercard.payment.PayInfo;
import com.membercard.payment.Recharges;
import com.membercard.payment.TillRequests;
import com.membercard.shared.web.ErrorEnvelopes;
import com.membercard.tenancy.Caller;
import com.membercard.tenancy.TenantDirectory;
import java.util.ArrayList;
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
 * The web till, for shops without a POS: find the member, then recharge (with a plan or not, paid
 * in up to two parts), take a card payment, refund one, redeem a gift. Each form runs the payment
 * module's own command (the same serial rules, locks and ledger bills as the API's till), and
 * each rendering of a form carries a fresh serial, so a form sent twice is charged once (801).
 */
@Controller
class TillPages {

    /** The forms of the till page, each named as its fields' errors are kept apart. */
    enum Form {
        RECHARGE,
        PAY,
        REFUND,
        REDEEM
    }

    private final MemberQueries members;
    private final RechargePlans plans;
    private final Gifts gifts;
    private final CardPayments payments;
    private final Recharges recharges;
    private final GiftRedemptions redemptions;
    private final TenantDirectory tenants;
    private final ConsoleForms forms;
    private final ErrorEnvelopes messages;

    TillPages(
            MemberQueries members,
            RechargePlans plans,
            Gifts gifts,
            CardPayments payments,
            Recharges recharges,
            GiftRedemptions redemptions,
            TenantDirectory tenants,
            ConsoleForms forms,
            ErrorEnvelopes messages) {
        this.members = members;
        this.plans = plans;
        this.gifts = gifts;
        this.payments = payments;
        this.recharges = recharges;
        this.redemptions = redemptions;
        this.tenants = tenants;
        this.forms = forms;
        this.messages = messages;
    }

    @GetMapping("/console/till")
    String till(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String cardCode, Model model) {
        return page(caller, MemberPages.blankToNull(cardCode), null, Map.of(), model);
    }

    @PostMapping("/console/till/recharge")
    String recharge(
            @AuthenticationPrincipal Caller caller,
            @RequestParam Map<String, String> form,
            Model model,
            RedirectAttributes redirect) {
        String cardCode = form.get("cardCode");
        Recharges.Result done = forms.submit(
                model,
                () -> {
                    Long planId = ConsoleForms.number("planId", form.get("planId"));
                    return new TillRequests.Recharge(
                            cardCode,
                            form.get("mac"),
                            null,
                            money("payMoney", form.get("payMoney")),
                            money("giveMoney", form.get("giveMoney")),
                            details(form),
                            MemberPages.blankToNull(form.get("remark")),
                            form.get("timestamp"),
                            null,
                            planId,
                            null);
                },
                request -> recharges
                        .recharge(caller, tenants.actor(caller, null), request)
                        .data());
        if (done == null) {
            return page(caller, cardCode, Form.RECHARGE, form, model);
        }
        redirect.addFlashAttribute(
                "done",
                messages.message(
                        "console.till.recharged",
                        done.rechargeCode(),
                        done.payMoney(),
                        done.giveMoney(),
                        done.balance()));
        return "redirect:/console/till?cardCode=" + cardCode;
    }

    @PostMapping("/console/till/pay")
    String pay(
            @AuthenticationPrincipal Caller caller,
            @RequestParam Map<String, String> form,
            Model model,
            RedirectAttributes redirect) {
        String cardCode = form.get("cardCode");
        PayInfo done = forms.submit(
                model,
                () -> new TillRequests.Pay(
                        cardCode,
                        form.get("mac"),
                        MemberPages.blankToNull(form.get("password")),
                        money("money", form.get("money")),
                        form.get("code"),
                        null,
                        null),
                request -> payments.pay(caller.tenantId(), tenants.actor(caller, null), request)
                        .data());
        if (done == null) {
            return page(caller, cardCode, Form.PAY, form, model);
        }
        redirect.addFlashAttribute(
                "done", messages.message("console.till.paid", form.get("money"), form.get("code"), done.balance()));
        return "redirect:/console/till?cardCode=" + cardCode;
    }

    @PostMapping("/console/till/refund")
    String refund(
            @AuthenticationPrincipal Caller caller,
            @RequestParam Map<String, String> form,
            Model model,
            RedirectAttributes redirect) {
        String cardCode = form.get("cardCode");
        PayInfo done = forms.submit(
                model,
                () -> new TillRequests.RefundPayment(
                        cardCode,
                        form.get("mac"),
                        money("money", form.get("money")),
                        form.get("code"),
                        form.get("timestamp"),
                        null,
                        null),
                request -> payments.refund(caller.tenantId(), tenants.actor(caller, null), request)
                        .data());
        if (done == null) {
            return page(caller, cardCode, Form.REFUND, form, model);
        }
        redirect.addFlashAttribute(
                "done", messages.message("console.till.refunded", form.get("money"), form.get("code"), done.balance()));
        return "redirect:/console/till?cardCode=" + cardCode;
    }

    @PostMapping("/console/till/redeem")
    String redeem(
            @AuthenticationPrincipal Caller caller,
            @RequestParam Map<String, String> form,
            Model model,
            RedirectAttributes redirect) {
        String cardCode = form.get("cardCode");
        boolean done = forms.run(
                model,
                () -> new TillRequests.RedeemGift(
                        cardCode,
                        form.get("mac"),
                        MemberPages.blankToNull(form.get("password")),
                        ConsoleForms.number("giftId", form.get("giftId")),
                        null,
                        form.get("timestamp"),
                        null,
                        null),
                request -> redemptions.redeem(caller.tenantId(), tenants.actor(caller, null), request));
        if (!done) {
            return page(caller, cardCode, Form.REDEEM, form, model);
        }
        redirect.addFlashAttribute("done", messages.message("console.till.redeemed"));
        return "redirect:/console/till?cardCode=" + cardCode;
    }

    /**
     * The till with the member of {@code cardCode}; after a refused form, that form keeps what was
     * typed (except secrets and PINs) and shows its errors, the others start afresh.
     */
    private String page(Caller caller, String cardCode, Form refused, Map<String, String> typed, Model model) {
        long tenantId = caller.tenantId();
        if (cardCode != null) {
            MemberView member = members.search(tenantId, cardCode, null).stream()
                    .filter(found -> cardCode.equals(found.cardCode()))
                    .findFirst()
                    .map(PersonalData.forRole(caller.role(), Purpose.VIEW))
                    .orElse(null);
            model.addAttribute("member", member);
        }
        model.addAttribute("cardCode", cardCode);
        model.addAttribute(
                "plans",
                plans.list(tenantId).stream().filter(plan -> plan.inUse()).toList());
        model.addAttribute(
                "gifts",
                gifts.list(tenantId).stream().filter(gift -> gift.inUse()).toList());
        model.addAttribute("paymentTypes", ConsoleForms.paymentTypesByHand());
        model.addAttribute("refused", refused);
        model.addAttribute("typed", typed);
        // a refused command did nothing, so every form starts with a fresh serial
        for (Form form : Form.values()) {
            model.addAttribute("serial" + form.name(), ConsoleForms.serial());
        }
        model.addAttribute(
                "orderCode",
                refused == Form.PAY && typed.get("code") != null ? typed.get("code") : ConsoleForms.serial());
        return "console/till";
    }

    /** The recharge's payment in up to two parts; a part left empty is no part. */
    private static List<TillRequests.Detail> details(Map<String, String> form) {
        List<TillRequests.Detail> details = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String amount = form.get("details[" + i + "].money");
            if (amount == null || amount.isBlank()) {
                continue;
            }
            details.add(new TillRequests.Detail(
                    ConsoleForms.whole("details[" + i + "].paymentType", form.get("details[" + i + "].paymentType")),
                    money("details[" + i + "].money", amount),
                    null,
                    null));
        }
        return details;
    }
}
