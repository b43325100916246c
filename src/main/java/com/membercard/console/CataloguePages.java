package com.membercard.console;

import com.membercard.catalog.MemberLevel;
import com.membercard.catalog.MemberLevelRequest;
import com.membercard.catalog.MemberLevels;
import com.membercard.tenancy.Caller;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The catalogue's member levels (会员等级): listed for administrators and auditors, added, changed
 * and deleted by administrators, through the catalog module's service and its request's checks.
 */
@Controller
class CataloguePages {

    private final MemberLevels levels;
    private final ConsoleForms forms;

    CataloguePages(MemberLevels levels, ConsoleForms forms) {
        this.levels = levels;
        this.forms = forms;
    }

    @GetMapping("/console/catalog/levels")
    String levels(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) Long edit, Model model) {
        long tenantId = caller.tenantId();
        model.addAttribute("levels", levels.list(tenantId));
        if (edit != null) {
            MemberLevel level = levels.get(tenantId, edit);
            model.addAttribute("editing", level.id());
            model.addAttribute(
                    "typed",
                    Map.of(
                            "name", level.name(),
                            "level", String.valueOf(level.level()),
                            "discount", level.discount().toPlainString(),
                            "imagePath", level.imagePath() == null ? "" : level.imagePath()));
        } else {
            model.addAttribute("typed", Map.of());
        }
        return "console/levels";
    }

    @PostMapping("/console/catalog/levels")
    String create(
            @AuthenticationPrincipal Caller caller,
            @RequestParam Map<String, String> form,
            Model model,
            RedirectAttributes redirect) {
        long tenantId = caller.tenantId();
        if (forms.run(model, () -> request(form), request -> levels.create(tenantId, request))) {
            redirect.addFlashAttribute("done", form.get("name"));
            return "redirect:/console/catalog/levels";
        }
        return refused(tenantId, null, form, model);
    }

    @PostMapping("/console/catalog/levels/{id}")
    String update(
            @AuthenticationPrincipal Caller caller,
            @PathVariable long id,
            @RequestParam Map<String, String> form,
            Model model,
            RedirectAttributes redirect) {
        long tenantId = caller.tenantId();
        if (forms.run(model, () -> request(form), request -> levels.update(tenantId, id, request))) {
            redirect.addFlashAttribute("done", form.get("name"));
            return "redirect:/console/catalog/levels";
        }
        return refused(tenantId, id, form, model);
    }

    @PostMapping("/console/catalog/levels/{id}/delete")
    String delete(
            @AuthenticationPrincipal Caller caller, @PathVariable long id, Model model, RedirectAttributes redirect) {
        long tenantId = caller.tenantId();
        if (forms.run(model, () -> id, level -> levels.delete(tenantId, level))) {
            return "redirect:/console/catalog/levels";
        }
        return refused(tenantId, null, Map.of(), model);
    }

    private String refused(long tenantId, Long editing, Map<String, String> typed, Model model) {
        model.addAttribute("levels", levels.list(tenantId));
        model.addAttribute("editing", editing);
        model.addAttribute("typed", typed);
        return "console/levels";
    }

    private static MemberLevelRequest request(Map<String, String> form) {
        Long level = ConsoleForms.number("level", form.get("level"));
        return new MemberLevelRequest(
                form.get("name"),
                level == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, level)),
                ConsoleForms.money("discount", form.get("discount")),
                MemberPages.blankToNull(form.get("imagePath")));
    }
}
