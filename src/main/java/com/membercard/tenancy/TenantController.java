package com.membercard.tenancy;

import com.membercard.shared.Envelope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/tenants")
@Tag(name = "Tenants (租户)", description = "Platform administrators only")
class TenantController {

    private final TenantManagement tenants;

    TenantController(TenantManagement tenants) {
        this.tenants = tenants;
    }

    @GetMapping
    @Operation(summary = "租户列表 — list tenants")
    List<Tenant> list() {
        return tenants.list();
    }

    @GetMapping("/{id}")
    @Operation(summary = "租户详情 — one tenant")
    Tenant get(@PathVariable long id) {
        return tenants.get(id);
    }

    @PostMapping
    @Operation(
            summary = "新增租户 — create a tenant with its first administrator",
            description = "data = {id, name, timeZone, adminId, adminUsername}")
    Envelope<TenantManagement.CreatedTenant> create(@Valid @RequestBody TenantRequest request) {
        return Envelope.ok(tenants.create(request));
    }

    @PutMapping("/{id}")
    @Operation(summary = "修改租户 — rename a tenant or change its time zone")
    Envelope<Void> update(@PathVariable long id, @Valid @RequestBody TenantRequest request) {
        tenants.update(id, request);
        return Envelope.ok();
    }
}
