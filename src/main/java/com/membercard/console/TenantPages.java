package com.membercard.console;

import com.membercard.tenancy.TenantManagement;
import com.membercard.tenancy.TenantRequest;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The platform administrator's tenants: listed, and added with their first administrator. */
@Controller
class TenantPages {

    private final TenantManagement tenants;
    private final ConsoleForms forms;

    TenantPages(TenantManagement tenants, ConsoleForms forms) {
        this.tenants = tenants;
        this.forms = forms;
    }

    @GetMapping("/console/tenants")
    String list(Model model) {
        return page(Map.of(), model);
    }

    @PostMapping("/console/tenants")
    String add(@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        boolean added = forms.run(
                model,
                () -> new TenantRequest(
                        form.get("name"),
                        form.get("adminUsername"),
                        form.get("adminPassword"),
                        MemberPages.blankToNull(form.get("timeZone"))),
                tenants::create);
        if (!added) {
            return page(form, model);
        }
        redirect.addFlashAttribute("done", form.get("name"));
        return "redirect:/console/tenants";
    }

    private String page(Map<String, String> typed, Model model) {
        model.addAttribute("tenants", tenants.list());
        model.addAttribute("typed", typed);
        return "console/tenants";
    }
}
