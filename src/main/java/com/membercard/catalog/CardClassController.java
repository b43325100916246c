package com.membercard.catalog;

import com.membercard.shared.Envelope;
import com.membercard.shared.security.SecurityEvent;
import com.membercard.shared.web.BusinessCodes;
import com.membercard.tenancy.Caller;
import com.membercard.tenancy.TenantDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/card-classes")
@Tag(name = "Card classes (卡类别)")
class CardClassController {

    private final CardClasses cardClasses;
    private final TenantDirectory tenants;
    private final ApplicationEventPublisher events;

    CardClassController(CardClasses cardClasses, TenantDirectory tenants, ApplicationEventPublisher events) {
        this.cardClasses = cardClasses;
        this.tenants = tenants;
        this.events = events;
    }

    @GetMapping
    @Operation(summary = "op09 卡类别 — the tenant's card classes")
    List<CardClass> list(@AuthenticationPrincipal Caller caller) {
        return cardClasses.list(caller.tenantId());
    }

    @GetMapping("/of-tenant")
    @Operation(
            summary = "op10 租户卡类别 — card classes of a tenant",
            description = "`tenantId` is honoured for platform administrators only (required for them, 404 if "
                    + "unknown); any other caller gets its own tenant's classes. A platform administrator's read "
                    + "is recorded in that tenant's security event log (CROSS_TENANT_READ).")
    @BusinessCodes({400, 404})
    List<CardClass> ofTenant(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) Long tenantId) {
        long tenant = caller.tenantOrNamed(tenantId);
        tenants.requireExists(tenant);
        if (caller.isPlatformAdmin()) {
            events.publishEvent(new SecurityEvent(
                    tenant,
                    SecurityEvent.Kind.CROSS_TENANT_READ,
                    caller.operatorId(),
                    caller.apiKeyId(),
                    "card classes",
                    null,
                    "op10"));
        }
        return cardClasses.list(tenant);
    }

    @GetMapping("/{id}")
    @Operation(summary = "卡类别详情 — one card class")
    @BusinessCodes(404)
    CardClass get(@AuthenticationPrincipal Caller caller, @PathVariable long id) {
        return cardClasses.get(caller.tenantId(), id);
    }

    @PostMapping
    @Operation(summary = "新增卡类别 — create a card class", description = "data = the new id")
    @BusinessCodes(400)
    Envelope<Long> create(@AuthenticationPrincipal Caller caller, @Valid @RequestBody CardClassRequest request) {
        return Envelope.ok(cardClasses.create(caller.tenantId(), request));
    }

    @PutMapping("/{id}")
    @Operation(summary = "修改卡类别 — update a card class")
    @BusinessCodes({400, 404})
    Envelope<Void> update(
            @AuthenticationPrincipal Caller caller,
            @PathVariable long id,
            @Valid @RequestBody CardClassRequest request) {
        cardClasses.update(caller.tenantId(), id, request);
        return Envelope.ok();
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "删除卡类别 — delete a card class", description = "611 while cards of this class exist.")
    @BusinessCodes({404, 611})
    Envelope<Void> delete(@AuthenticationPrincipal Caller caller, @PathVariable long id) {
        cardClasses.delete(caller.tenantId(), id);
        return Envelope.ok();
    }
}
