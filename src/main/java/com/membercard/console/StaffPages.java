package com.membercard.console;

import com.membercard.shared.BusinessException;
import com.membercard.tenancy.ApiKey;
import com.membercard.tenancy.ApiKeyManagement;
import com.membercard.tenancy.ApiKeyManagement.CreatedKey;
import com.membercard.tenancy.ApiKeyRequest;
import com.membercard.tenancy.Caller;
import com.membercard.tenancy.Operator;
import com.membercard.tenancy.OperatorManagement;
import com.membercard.tenancy.OperatorRequest;
import com.membercard.tenancy.Role;
import com.membercard.tenancy.ShopManagement;
import java.util.HashMap;
import java.util.List;
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
 * The tenant's operators (add, change, deactivate) and API keys (add, change, re-issue, revoke),
 * through the tenancy module's services with the signed-in administrator as the actor of their
 * security events. A new key is shown once, on the page that answers its creation or re-issue, and
 * never again (only its prefix is kept).
 */
@Controller
class StaffPages {

    private static final List<Role> TENANT_ROLES = List.of(Role.CASHIER, Role.TENANT_ADMIN, Role.AUDITOR);

    private final OperatorManagement operators;
    private final ApiKeyManagement keys;
    private final ShopManagement shops;
    private final ConsoleForms forms;

    StaffPages(OperatorManagement operators, ApiKeyManagement keys, ShopManagement shops, ConsoleForms forms) {
        this.operators = operators;
        this.keys = keys;
        this.shops = shops;
        this.forms = forms;
    }

    @GetMapping("/console/operators")
    String operators(@AuthenticationPrincipal Caller caller, Model model) {
        return operatorsPage(caller.tenantId(), Map.of(), model);
    }

    @PostMapping("/console/operators")
    String addOperator(
            @AuthenticationPrincipal Caller caller,
            @RequestParam Map<String, String> form,
            Model model,
            RedirectAttributes redirect) {
        long tenantId = caller.tenantId();
        boolean added = forms.run(
                model,
                () -> new OperatorRequest(
                        form.get("username"),
                        form.get("password"),
                        MemberPages.blankToNull(form.get("name")),
                        role(form.get("role")),
                        ConsoleForms.number("shopId", form.get("shopId")),
                        true),
                request -> operators.create(caller, tenantId, request));
        if (!added) {
            return operatorsPage(tenantId, form, model);
        }
        redirect.addFlashAttribute("done", form.get("username"));
        return "redirect:/console/operators";
    }

    @PostMapping("/console/operators/{id}/deactivate")
    String deactivate(@AuthenticationPrincipal Caller caller, @PathVariable long id, Model model) {
        long tenantId = caller.tenantId();
        if (!forms.run(model, () -> id, operator -> operators.deactivate(caller, tenantId, operator))) {
            return operatorsPage(tenantId, Map.of(), model);
        }
        return "redirect:/console/operators";
    }

    @GetMapping("/console/operators/{id}")
    String operator(@AuthenticationPrincipal Caller caller, @PathVariable long id, Model model) {
        return operatorPage(caller.tenantId(), id, null, model);
    }

    /**
     * As {@code PUT /api/v1/operators/{id}}: the username stays, an empty password keeps the old one
     * (a new one ends the operator's sessions), an unchecked box deactivates.
     */
    @PostMapping("/console/operators/{id}")
    String updateOperator(
            @AuthenticationPrincipal Caller caller,
            @PathVariable long id,
            @RequestParam Map<String, String> form,
            Model model,
            RedirectAttributes redirect) {
        long tenantId = caller.tenantId();
        Operator existing = operators.get(tenantId, id);
        boolean saved = forms.run(
                model,
                () -> new OperatorRequest(
                        existing.username(),
                        MemberPages.blankToNull(form.get("password")),
                        MemberPages.blankToNull(form.get("name")),
                        role(form.get("role")),
                        ConsoleForms.number("shopId", form.get("shopId")),
                        ConsoleForms.yesNo(form.get("active"))),
                request -> operators.update(caller, tenantId, id, request));
        if (!saved) {
            return operatorPage(tenantId, id, form, model);
        }
        redirect.addFlashAttribute("done", existing.username());
        return "redirect:/console/operators";
    }

    @GetMapping("/console/api-keys")
    String keys(@AuthenticationPrincipal Caller caller, Model model) {
        return keysPage(caller.tenantId(), Map.of(), model);
    }

    /** Answers the new key in the page itself (no redirect): it is shown this once. */
    @PostMapping("/console/api-keys")
    String addKey(@AuthenticationPrincipal Caller caller, @RequestParam Map<String, String> form, Model model) {
        long tenantId = caller.tenantId();
        CreatedKey created = forms.submit(
                model,
                () -> new ApiKeyRequest(
                        form.get("name"),
                        role(form.get("role")),
                        ConsoleForms.number("shopId", form.get("shopId")),
                        null),
                request -> keys.create(caller, tenantId, request));
        model.addAttribute("createdKey", created);
        return keysPage(tenantId, created == null ? form : Map.of(), model);
    }

    @PostMapping("/console/api-keys/{id}/revoke")
    String revoke(@AuthenticationPrincipal Caller caller, @PathVariable long id, Model model) {
        long tenantId = caller.tenantId();
        if (!forms.run(model, () -> id, key -> keys.revoke(caller, tenantId, key))) {
            return keysPage(tenantId, Map.of(), model);
        }
        return "redirect:/console/api-keys";
    }

    @GetMapping("/console/api-keys/{id}")
    String key(@AuthenticationPrincipal Caller caller, @PathVariable long id, Model model) {
        return keyPage(caller.tenantId(), id, null, model);
    }

    /** As {@code PUT /api/v1/api-keys/{id}}: its name, role and shop; the key itself does not change. */
    @PostMapping("/console/api-keys/{id}")
    String updateKey(
            @AuthenticationPrincipal Caller caller,
            @PathVariable long id,
            @RequestParam Map<String, String> form,
            Model model,
            RedirectAttributes redirect) {
        long tenantId = caller.tenantId();
        ApiKey existing = keys.get(tenantId, id);
        boolean saved = forms.run(
                model,
                () -> new ApiKeyRequest(
                        form.get("name"),
                        role(form.get("role")),
                        ConsoleForms.number("shopId", form.get("shopId")),
                        null),
                request -> keys.update(caller, tenantId, id, request));
        if (!saved) {
            return keyPage(tenantId, id, form, model);
        }
        redirect.addFlashAttribute("done", existing.keyPrefix());
        return "redirect:/console/api-keys";
    }

    /** A new key in the old one's place, answered in the page itself: it is shown this once. */
    @PostMapping("/console/api-keys/{id}/reissue")
    String reissue(@AuthenticationPrincipal Caller caller, @PathVariable long id, Model model) {
        long tenantId = caller.tenantId();
        model.addAttribute("createdKey", forms.submit(model, () -> keys.reissue(caller, tenantId, id)));
        return keysPage(tenantId, Map.of(), model);
    }

    private String operatorPage(long tenantId, long id, Map<String, String> typed, Model model) {
        Operator operator = operators.get(tenantId, id);
        model.addAttribute("operator", operator);
        common(
                tenantId,
                typed != null
                        ? typed
                        : fields(
                                "name", operator.name(),
                                "role", operator.role().name(),
                                "shopId", operator.shopId(),
                                "active", operator.active() ? "on" : null),
                model);
        return "console/operator";
    }

    private String keyPage(long tenantId, long id, Map<String, String> typed, Model model) {
        ApiKey key = keys.get(tenantId, id);
        model.addAttribute("key", key);
        common(
                tenantId,
                typed != null
                        ? typed
                        : fields("name", key.name(), "role", key.role().name(), "shopId", key.shopId()),
                model);
        return "console/api-key";
    }

    /** A stored row as the form's typed fields: what the edit form shows first (null values left out). */
    private static Map<String, String> fields(Object... pairs) {
        Map<String, String> typed = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                typed.put((String) pairs[i], pairs[i + 1].toString());
            }
        }
        return typed;
    }

    private String operatorsPage(long tenantId, Map<String, String> typed, Model model) {
        model.addAttribute("operators", operators.list(tenantId));
        common(tenantId, typed, model);
        return "console/operators";
    }

    private String keysPage(long tenantId, Map<String, String> typed, Model model) {
        model.addAttribute("keys", keys.list(tenantId));
        common(tenantId, typed, model);
        return "console/api-keys";
    }

    private void common(long tenantId, Map<String, String> typed, Model model) {
        model.addAttribute("shops", shops.list(tenantId));
        model.addAttribute("roles", TENANT_ROLES);
        model.addAttribute("typed", typed);
    }

    /** A role by name; anything else is no role, which the request's own check refuses (400 naming it). */
    private static Role role(String name) {
        try {
            return name == null || name.isBlank() ? null : Role.valueOf(name.strip());
        } catch (IllegalArgumentException e) {
            throw BusinessException.invalid("role", "error.type");
        }
    }
}
