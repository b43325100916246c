package com.membercard.tenancy;

import com.membercard.shared.Envelope;
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
@RequestMapping("/api/v1/shops")
@Tag(name = "Shops (门店)")
class ShopController {

    private final ShopManagement shops;

    ShopController(ShopManagement shops) {
        this.shops = shops;
    }

    @GetMapping
    @Operation(summary = "门店列表 — list shops")
    List<Shop> list(@AuthenticationPrincipal Caller caller) {
        return shops.list(caller.tenantId());
    }

    @GetMapping("/{id}")
    @Operation(summary = "门店详情 — one shop")
    Shop get(@AuthenticationPrincipal Caller caller, @PathVariable long id) {
        return shops.get(caller.tenantId(), id);
    }

    @PostMapping
    @Operation(summary = "新增门店 — create a shop", description = "data = the new shop's id")
    Envelope<Long> create(@AuthenticationPrincipal Caller caller, @Valid @RequestBody ShopRequest request) {
        return Envelope.ok(shops.create(caller.tenantId(), request));
    }

    @PutMapping("/{id}")
    @Operation(summary = "修改门店 — update a shop")
    Envelope<Void> update(
            @AuthenticationPrincipal Caller caller, @PathVariable long id, @Valid @RequestBody ShopRequest request) {
        shops.update(caller.tenantId(), id, request);
        return Envelope.ok();
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "删除门店 — delete a shop", description = "611 while cards, bills or operators refer to it.")
    Envelope<Void> delete(@AuthenticationPrincipal Caller caller, @PathVariable long id) {
        shops.delete(caller.tenantId(), id);
        return Envelope.ok();
    }
}
