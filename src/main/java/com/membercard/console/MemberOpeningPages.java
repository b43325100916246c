package com.membercard.console;

import com.membercard.catalog.CardClasses;
import com.membercard.catalog.MemberLevels;
import com.membercard.member.MemberManagement;
import com.membercard.member.MemberRequest;
import com.membercard.shared.BusinessException;
import com.membercard.tenancy.Caller;
import com.membercard.tenancy.ShopManagement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
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
 * Opening a member and their card (op19) through the member module's own command: the same
 * checks, the same generated secret when none is typed (shown once, on the member's page).
 */
@Controller
class MemberOpeningPages {

    private final MemberManagement management;
    private final MemberLevels levels;
    private final CardClasses classes;
    private final ShopManagement shops;
    private final ConsoleForms forms;

    MemberOpeningPages(
            MemberManagement management,
            MemberLevels levels,
            CardClasses classes,
            ShopManagement shops,
            ConsoleForms forms) {
        this.management = management;
        this.levels = levels;
        this.classes = classes;
        this.shops = shops;
        this.forms = forms;
    }

    @GetMapping("/console/members/new")
    String form(@AuthenticationPrincipal Caller caller, Model model) {
        return page(caller.tenantId(), Map.of(), model);
    }

    @PostMapping("/console/members")
    String open(
            @AuthenticationPrincipal Caller caller,
            @RequestParam Map<String, String> form,
            Model model,
            RedirectAttributes redirect) {
        long tenantId = caller.tenantId();
        MemberManagement.Created created = forms.submit(
                model,
                () -> new MemberRequest(
                        form.get("name"),
                        ConsoleForms.whole("sex", form.get("sex")),
                        birthday(form.get("birthday")),
                        MemberPages.blankToNull(form.get("phone")),
                        null,
                        null,
                        null,
                        ConsoleForms.number("memberLevelId", form.get("memberLevelId")),
                        List.of(),
                        MemberPages.blankToNull(form.get("cardCode")),
                        MemberPages.blankToNull(form.get("cardMac")),
                        MemberPages.blankToNull(form.get("cardPassword")),
                        ConsoleForms.number("cardClassId", form.get("cardClassId")),
                        1,
                        null,
                        ConsoleForms.number("shopId", form.get("shopId")),
                        null),
                request -> management.create(tenantId, caller.shopId(), request));
        if (created == null) {
            return page(tenantId, form, model);
        }
        redirect.addFlashAttribute("generatedSecret", created.generatedCardMac());
        return "redirect:/console/members/" + created.memberId();
    }

    private String page(long tenantId, Map<String, String> typed, Model model) {
        model.addAttribute("levels", levels.list(tenantId));
        model.addAttribute("classes", classes.list(tenantId));
        model.addAttribute("shops", shops.list(tenantId));
        model.addAttribute("typed", typed);
        return "console/member-new";
    }

    private static LocalDateTime birthday(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip()).atStartOfDay();
        } catch (DateTimeParseException e) {
            throw BusinessException.invalid("birthday", "error.type");
        }
    }
}
