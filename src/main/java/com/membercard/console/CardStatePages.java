package com.membercard.console;

import com.membercard.card.CardCommands;
import com.membercard.card.CardStates;
import com.membercard.member.MemberQueries;
import com.membercard.member.MemberView;
import com.membercard.payment.BalanceRefunds;
import com.membercard.payment.CardReplacement;
import com.membercard.payment.TillRequests;
import com.membercard.shared.Envelope;
import com.membercard.tenancy.Caller;
import com.membercard.tenancy.TenantDirectory;
import java.util.Map;
import java.util.function.Function;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The status actions on a member's page: report the card lost (op33), cancel the loss (op34, with
 * the card's secret), void it (op36), return it with its real balance paid back (op30). The card
 * and payment modules' own commands, with replacing it (op35); each form carries a fresh serial.
 */
@Controller
class CardStatePages {

    private final MemberQueries members;
    private final CardStates states;
    private final BalanceRefunds refunds;
    private final CardReplacement replacement;
    private final TenantDirectory tenants;
    private final ConsoleForms forms;
    private final MemberPages memberPages;

    CardStatePages(
            MemberQueries members,
            CardStates states,
            BalanceRefunds refunds,
            CardReplacement replacement,
            TenantDirectory tenants,
            ConsoleForms forms,
            MemberPages memberPages) {
        this.members = members;
        this.states = states;
        this.refunds = refunds;
        this.replacement = replacement;
        this.tenants = tenants;
        this.forms = forms;
        this.memberPages = memberPages;
    }

    @PostMapping("/console/members/{id}/report-loss")
    String reportLoss(
            @AuthenticationPrincipal Caller caller,
            @PathVariable long id,
            @RequestParam Map<String, String> form,
            Model model,
            RedirectAttributes redirect) {
        return act(
                caller,
                id,
                model,
                redirect,
                "reportLoss",
                cardCode -> new CardCommands.ReportLoss(
                        cardCode, MemberPages.blankToNull(form.get("remark")), form.get("timestamp"), null, null),
                request -> states.reportLoss(caller.tenantId(), tenants.actor(caller, null), request));
    }

    @PostMapping("/console/members/{id}/cancel-loss")
    String cancelLoss(
            @AuthenticationPrincipal Caller caller,
            @PathVariable long id,
            @RequestParam Map<String, String> form,
            Model model,
            RedirectAttributes redirect) {
        return act(
                caller,
                id,
                model,
                redirect,
                "cancelLoss",
                cardCode -> new CardCommands.CancelLoss(
                        cardCode,
                        form.get("mac"),
                        MemberPages.blankToNull(form.get("remark")),
                        form.get("timestamp"),
                        null,
                        null),
                request -> states.cancelLoss(caller.tenantId(), tenants.actor(caller, null), request));
    }

    @PostMapping("/console/members/{id}/void")
    String voidCard(
            @AuthenticationPrincipal Caller caller,
            @PathVariable long id,
            @RequestParam Map<String, String> form,
            Model model,
            RedirectAttributes redirect) {
        return act(
                caller,
                id,
                model,
                redirect,
                "void",
                cardCode -> new CardCommands.VoidCard(
                        cardCode, MemberPages.blankToNull(form.get("remark")), form.get("timestamp"), null, null),
                request -> states.voidCard(caller.tenantId(), tenants.actor(caller, null), request));
    }

    @PostMapping("/console/members/{id}/return")
    String returnCard(
            @AuthenticationPrincipal Caller caller,
            @PathVariable long id,
            @RequestParam Map<String, String> form,
            Model model,
            RedirectAttributes redirect) {
        return act(
                caller,
                id,
                model,
                redirect,
                "return",
                cardCode -> {
                    return new TillRequests.ReturnCard(
                            cardCode,
                            form.get("mac"),
                            MemberPages.blankToNull(form.get("password")),
                            ConsoleForms.whole("paymentType", form.get("paymentType")),
                            MemberPages.blankToNull(form.get("remark")),
                            form.get("timestamp"),
                            null,
                            null);
                },
                request -> refunds.returnCard(caller.tenantId(), tenants.actor(caller, null), request));
    }

    /** op35: the member's card moves to a new one; the old is proved by its secret unless reported lost. */
    @PostMapping("/console/members/{id}/replace")
    String replace(
            @AuthenticationPrincipal Caller caller,
            @PathVariable long id,
            @RequestParam Map<String, String> form,
            Model model,
            RedirectAttributes redirect) {
        return act(
                caller,
                id,
                model,
                redirect,
                "replace",
                cardCode -> new TillRequests.ReplaceCard(
                        MemberPages.blankToNull(form.get("newCardCode")),
                        form.get("newMac"),
                        cardCode,
                        MemberPages.blankToNull(form.get("oldMac")),
                        MemberPages.blankToNull(form.get("password")),
                        MemberPages.blankToNull(form.get("remark")),
                        form.get("timestamp"),
                        null,
                        null),
                request -> replacement.replace(caller.tenantId(), tenants.actor(caller, null), request));
    }

    /**
     * Runs {@code command} on the member's current card (the card is the member's as this tenant
     * holds it: another tenant's member is a 404 before anything runs), then back to the page.
     */
    private <R> String act(
            Caller caller,
            long memberId,
            Model model,
            RedirectAttributes redirect,
            String action,
            Function<String, R> request,
            Function<R, Envelope<Void>> command) {
        MemberView member = members.get(caller.tenantId(), memberId);
        if (forms.submit(model, () -> request.apply(member.cardCode()), command) == null) {
            model.addAttribute("refusedAction", action);
            return memberPages.member(caller, memberId, 1, model);
        }
        redirect.addFlashAttribute("doneAction", action);
        return "redirect:/console/members/" + memberId;
    }
}
