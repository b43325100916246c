package com.membercard.catalog;

import com.membercard.shared.Envelope;
import com.membercard.shared.web.BusinessCodes;
import com.membercard.tenancy.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/recharge-plans")
@Tag(name = "Recharge plans (充值方案)")
class RechargePlanController {

    private final RechargePlans rechargePlans;

    RechargePlanController(RechargePlans rechargePlans) {
        this.rechargePlans = rechargePlans;
    }

    @GetMapping
    @Operation(summary = "op14 充值方案 — the tenant's recharge plans")
    List<RechargePlan> list(@AuthenticationPrincipal Caller caller) {
        return rechargePlans.list(caller.tenantId());
    }

    @GetMapping("/{id}")
    @Operation(summary = "充值方案详情 — one of the recharge plans")
    @BusinessCodes(404)
    RechargePlan get(@AuthenticationPrincipal Caller caller, @PathVariable long id) {
        return rechargePlans.get(caller.tenantId(), id);
    }

    @PostMapping
    @Operation(summary = "新增充值方案 — create", description = "data = the new id")
    @BusinessCodes({400})
    Envelope<Long> create(@AuthenticationPrincipal Caller caller, @Valid @RequestBody RechargePlanRequest request) {
        return Envelope.ok(rechargePlans.create(caller.tenantId(), request));
    }

    @PutMapping("/{id}")
    @Operation(summary = "修改充值方案 — update")
    @BusinessCodes({400, 404})
    Envelope<Void> update(
            @AuthenticationPrincipal Caller caller,
            @PathVariable long id,
            @Valid @RequestBody RechargePlanRequest request) {
        rechargePlans.update(caller.tenantId(), id, request);
        return Envelope.ok();
    }

    @DeleteMapping("/{id}")
    @Operation(
            summary = "删除充值方案 — delete",
            description = "611 once used by a recharge (set inUse=false to withdraw it instead).")
    @BusinessCodes({404, 611})
    Envelope<Void> delete(@AuthenticationPrincipal Caller caller, @PathVariable long id) {
        rechargePlans.delete(caller.tenantId(), id);
        return Envelope.ok();
    }
}
