package com.membercard.console;

import com.membercard.settlement.DayEndView;
import com.membercard.settlement.DayEnds;
import com.membercard.shared.BusinessCode;
import com.membercard.tenancy.Caller;
import com.membercard.tenancy.Shop;
import com.membercard.tenancy.ShopManagement;
import com.membercard.tenancy.TenantDirectory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Day-end (日结): each shop's business day today and its closes of the last 31 days; the till
 * (administrators, cashiers) closes a day with the settlement module's own command. A credential
 * bound to a shop closes that shop only, as on the API.
 */
@Controller
class DayEndPages {

    private final DayEnds dayEnds;
    private final ShopManagement shops;
    private final TenantDirectory tenants;
    private final ConsoleForms forms;

    DayEndPages(DayEnds dayEnds, ShopManagement shops, TenantDirectory tenants, ConsoleForms forms) {
        this.dayEnds = dayEnds;
        this.shops = shops;
        this.tenants = tenants;
        this.forms = forms;
    }

    /** A shop with its day today and its recent closes. */
    record ShopDays(Shop shop, DayEndView today, List<DayEndView> closes) {
        public boolean open() {
            return today.status() == BusinessCode.DAY_NOT_CLOSED.code()
                    || today.status() == BusinessCode.DAY_END_INTERRUPTED.code();
        }
    }

    @GetMapping("/console/day-end")
    String page(@AuthenticationPrincipal Caller caller, Model model) {
        long tenantId = caller.tenantId();
        LocalDate today = dayEnds.today(tenantId);
        // every shop's 31 days in one statement, not two per shop (20 shops: 40 statements)
        Map<Long, List<DayEndView>> closesByShop = new HashMap<>();
        for (DayEndView close : dayEnds.history(tenantId, null, today.minusDays(30), today)) {
            closesByShop
                    .computeIfAbsent(close.shopId(), shop -> new ArrayList<>())
                    .add(0, close);
        }
        List<ShopDays> days = shops.list(tenantId).stream()
                .map(shop -> {
                    List<DayEndView> closes = closesByShop.getOrDefault(shop.id(), List.of());
                    DayEndView todays = closes.stream()
                            .filter(close -> close.businessDate().equals(today.toString()))
                            .findFirst()
                            .orElseGet(() -> DayEnds.notClosed(shop.id(), today));
                    return new ShopDays(shop, todays, closes);
                })
                .toList();
        model.addAttribute("today", today);
        model.addAttribute("days", days);
        return "console/day-end";
    }

    @PostMapping("/console/day-end/{shopId}")
    String close(
            @AuthenticationPrincipal Caller caller,
            @PathVariable long shopId,
            Model model,
            RedirectAttributes redirect) {
        long tenantId = caller.tenantId();
        DayEnds.Closed closed = forms.submit(
                model,
                () -> dayEnds.close(
                        tenantId, caller.shopId(), shopId, dayEnds.today(tenantId), null, tenants.actor(caller, null)));
        if (closed == null) {
            return page(caller, model);
        }
        redirect.addFlashAttribute("closedShop", shopId);
        return "redirect:/console/day-end";
    }
}
