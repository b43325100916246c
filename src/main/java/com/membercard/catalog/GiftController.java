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
@RequestMapping("/api/v1/gifts")
@Tag(name = "Gifts (积分礼品)")
class GiftController {

    private final Gifts gifts;

    GiftController(Gifts gifts) {
        this.gifts = gifts;
    }

    @GetMapping
    @Operation(summary = "op13 积分礼品 — the tenant's gifts for points")
    List<Gift> list(@AuthenticationPrincipal Caller caller) {
        return gifts.list(caller.tenantId());
    }

    @GetMapping("/{id}")
    @Operation(summary = "积分礼品详情 — one of the gifts for points")
    @BusinessCodes(404)
    Gift get(@AuthenticationPrincipal Caller caller, @PathVariable long id) {
        return gifts.get(caller.tenantId(), id);
    }

    @PostMapping
    @Operation(summary = "新增积分礼品 — create", description = "data = the new id")
    @BusinessCodes({400})
    Envelope<Long> create(@AuthenticationPrincipal Caller caller, @Valid @RequestBody GiftRequest request) {
        return Envelope.ok(gifts.create(caller.tenantId(), request));
    }

    @PutMapping("/{id}")
    @Operation(summary = "修改积分礼品 — update")
    @BusinessCodes({400, 404})
    Envelope<Void> update(
            @AuthenticationPrincipal Caller caller, @PathVariable long id, @Valid @RequestBody GiftRequest request) {
        gifts.update(caller.tenantId(), id, request);
        return Envelope.ok();
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "删除积分礼品 — delete", description = "611 once redeemed (set inUse=false to withdraw it instead).")
    @BusinessCodes({404, 611})
    Envelope<Void> delete(@AuthenticationPrincipal Caller caller, @PathVariable long id) {
        gifts.delete(caller.tenantId(), id);
        return Envelope.ok();
    }
}
