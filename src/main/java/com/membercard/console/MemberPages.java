package com.membercard.console;

import com.membercard.catalog.MemberLevels;
import com.membercard.ledger.CardHistory;
import com.membercard.member.MemberFilter;
import com.membercard.member.MemberQueries;
import com.membercard.member.MemberView;
import com.membercard.member.PersonalData;
import com.membercard.member.PersonalData.Purpose;
import com.membercard.shared.Page;
import com.membercard.shared.Paging;
import com.membercard.tenancy.Caller;
import com.membercard.tenancy.ShopManagement;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Members: the list with filters and totals (op02), the till's search (op07, as an htmx fragment),
 * and a member's page with their card and its transactions. Phones and ID cards are shown as the
 * API shows them to the same role ({@link PersonalData}).
 */
@Controller
class MemberPages {

    static final int PAGE_SIZE = 20;

    private final MemberQueries members;
    private final MemberLevels levels;
    private final ShopManagement shops;
    private final CardHistory history;
    private final ConsoleForms forms;

    MemberPages(
            MemberQueries members, MemberLevels levels, ShopManagement shops, CardHistory history, ConsoleForms forms) {
        this.members = members;
        this.levels = levels;
        this.shops = shops;
        this.history = history;
        this.forms = forms;
    }

    @GetMapping("/console/members")
    String list(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) String keyword,
            @RequestParam(required = false) Long memberLevel,
            @RequestParam(required = false) Long shopId,
            @RequestParam(required = false) Integer status,
            @RequestParam(defaultValue = "1") int pageIndex,
            Model model) {
        long tenantId = caller.tenantId();
        model.addAttribute("keyword", keyword);
        model.addAttribute("memberLevel", memberLevel);
        model.addAttribute("shopId", shopId);
        model.addAttribute("status", status);
        model.addAttribute("levels", levels.list(tenantId));
        model.addAttribute("shops", shops.list(tenantId));
        MemberFilter filter = new MemberFilter(blankToNull(keyword), memberLevel, shopId, status, null, null, null);
        Page<MemberView> page = forms.submit(
                model, () -> shown(caller, members.page(tenantId, filter, Paging.of(pageIndex, PAGE_SIZE))));
        model.addAttribute("page", page);
        if (page != null) {
            model.addAttribute("pageCount", Math.max(1, (page.totalCount() + PAGE_SIZE - 1) / PAGE_SIZE));
        }
        return "console/members";
    }

    /** op07 at the till: a fragment of at most 50 members, swapped in by htmx as the cashier types. */
    @GetMapping("/console/members/search")
    String search(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(defaultValue = "") String keyword,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model) {
        List<MemberView> found = keyword.isBlank()
                ? List.of()
                : forms.submit(
                        model,
                        () -> members.search(caller.tenantId(), keyword.strip(), null).stream()
                                .map(shown(caller))
                                .toList());
        model.addAttribute("keyword", keyword);
        model.addAttribute("found", found);
        return htmx != null ? "console/search :: results" : "console/search";
    }

    @GetMapping("/console/members/{id}")
    String member(
            @AuthenticationPrincipal Caller caller,
            @PathVariable long id,
            @RequestParam(defaultValue = "1") int pageIndex,
            Model model) {
        long tenantId = caller.tenantId();
        MemberView member = shown(caller).apply(members.get(tenantId, id));
        model.addAttribute("member", member);
        // the status actions' forms, each with a fresh serial (a form sent twice is done once: 801)
        model.addAttribute("serial", ConsoleForms.serial());
        model.addAttribute("paymentTypes", ConsoleForms.paymentTypesByHand());
        if (member.cardCode() != null) {
            model.addAttribute(
                    "transactions",
                    forms.submit(
                            model, () -> history.of(tenantId, member.cardCode(), Paging.of(pageIndex, PAGE_SIZE))));
        }
        return "console/member";
    }

    private static UnaryOperator<MemberView> shown(Caller caller) {
        return PersonalData.forRole(caller.role(), Purpose.VIEW);
    }

    private static Page<MemberView> shown(Caller caller, Page<MemberView> page) {
        return new Page<>(
                page.data().stream().map(shown(caller)).toList(),
                page.pageIndex(),
                page.pageSize(),
                page.totalCount(),
                page.sumData());
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
