package com.membercard.console;

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
 * The catalogue's pages, one shape for every table of {@link CatalogueTables}: listed for
 * administrators and auditors, added to, changed and deleted from by administrators (the access
 * rules say so by path), through the catalog module's services and their requests' checks.
 */
@Controller
class CataloguePages {

    private final CatalogueTables tables;
    private final ConsoleForms forms;

    CataloguePages(CatalogueTables tables, ConsoleForms forms) {
        this.tables = tables;
        this.forms = forms;
    }

    @GetMapping("/console/catalog/{table}")
    String list(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String table,
            @RequestParam(required = false) Long edit,
            Model model) {
        return page(caller.tenantId(), tables.named(table), edit, null, model);
    }

    @PostMapping("/console/catalog/{table}")
    String create(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String table,
            @RequestParam Map<String, String> form,
            Model model,
            RedirectAttributes redirect) {
        return save(caller.tenantId(), tables.named(table), null, form, model, redirect);
    }

    @PostMapping("/console/catalog/{table}/{id}")
    String update(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String table,
            @PathVariable long id,
            @RequestParam Map<String, String> form,
            Model model,
            RedirectAttributes redirect) {
        return save(caller.tenantId(), tables.named(table), id, form, model, redirect);
    }

    @PostMapping("/console/catalog/{table}/{id}/delete")
    String delete(
            @AuthenticationPrincipal Caller caller, @PathVariable String table, @PathVariable long id, Model model) {
        long tenantId = caller.tenantId();
        CatalogueTable<?, ?> described = tables.named(table);
        if (forms.submit(model, () -> {
                    described.service().delete(tenantId, id);
                    return Boolean.TRUE;
                })
                == null) {
            return page(tenantId, described, null, Map.of(), model);
        }
        return "redirect:/console/catalog/" + table;
    }

    private <T, R> String save(
            long tenantId,
            CatalogueTable<T, R> table,
            Long id,
            Map<String, String> form,
            Model model,
            RedirectAttributes redirect) {
        boolean saved = forms.run(model, () -> table.request().apply(form), request -> {
            if (id == null) {
                table.service().create(tenantId, request);
            } else {
                table.service().update(tenantId, id, request);
            }
        });
        if (!saved) {
            return page(tenantId, table, id, form, model);
        }
        redirect.addFlashAttribute("done", form.get("name"));
        return "redirect:/console/catalog/" + table.name();
    }

    /** The table's rows and its form: empty to add, a row's values to change it, or what was typed. */
    private <T, R> String page(
            long tenantId, CatalogueTable<T, R> table, Long editing, Map<String, String> typed, Model model) {
        model.addAttribute("table", table);
        model.addAttribute("tables", tables.names());
        model.addAttribute("rows", table.service().list(tenantId));
        model.addAttribute("editing", editing);
        if (typed == null) {
            typed = editing == null ? Map.of() : table.typed(table.service().get(tenantId, editing));
        }
        model.addAttribute("typed", typed);
        return "console/catalogue";
    }
}
