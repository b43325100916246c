package com.membercard.tenancy;

import com.membercard.shared.Envelope;
import com.membercard.shared.jdbc.SpansNodes;
import com.membercard.shared.web.BusinessCodes;
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

// sharded mode: a new key is entered in the credential directory on node 0
@SpansNodes
@RestController
@RequestMapping("/api/v1/api-keys")
@Tag(name = "API keys (API 密钥)", description = "Tenant administrators only")
class ApiKeyController {

    private final ApiKeyManagement keys;

    ApiKeyController(ApiKeyManagement keys) {
        this.keys = keys;
    }

    @GetMapping
    @Operation(summary = "API 密钥列表 — list keys (without the keys themselves)")
    List<ApiKey> list(@AuthenticationPrincipal Caller caller) {
        return keys.list(caller.tenantId());
    }

    @GetMapping("/{id}")
    @Operation(summary = "API 密钥详情 — one key")
    ApiKey get(@AuthenticationPrincipal Caller caller, @PathVariable long id) {
        return keys.get(caller.tenantId(), id);
    }

    @PostMapping
    @Operation(
            summary = "新增 API 密钥 — create a key",
            description = "data = {id, key, …}: the key is shown this once and stored only hashed. With "
                    + "`expiresAt` (the tenant's time zone, in the future) the key answers 401 from then on.")
    Envelope<ApiKeyManagement.CreatedKey> create(
            @AuthenticationPrincipal Caller caller, @Valid @RequestBody ApiKeyRequest request) {
        return Envelope.ok(keys.create(caller, caller.tenantId(), request));
    }

    @PutMapping("/{id}")
    @Operation(
            summary = "修改 API 密钥 — rename a key or change its role, shop or expiry",
            description = "Recorded in the security log as API_KEY_CHANGED, with what changed.")
    Envelope<Void> update(
            @AuthenticationPrincipal Caller caller, @PathVariable long id, @Valid @RequestBody ApiKeyRequest request) {
        keys.update(caller, caller.tenantId(), id, request);
        return Envelope.ok();
    }

    @PostMapping("/{id}/reissue")
    @Operation(
            summary = "重新签发 API 密钥 — re-issue a key (ours)",
            description = "Revokes the key and answers a new one with its name, role, shop and expiry, shown this "
                    + "once, as a create does. A revoked key answers 611 (so a retry leaves one successor); an "
                    + "expired one 400 naming `expiresAt`.")
    @BusinessCodes({400, 404, 611})
    Envelope<ApiKeyManagement.CreatedKey> reissue(@AuthenticationPrincipal Caller caller, @PathVariable long id) {
        return Envelope.ok(keys.reissue(caller, caller.tenantId(), id));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "吊销 API 密钥 — revoke a key", description = "Takes effect on the next request.")
    Envelope<Void> revoke(@AuthenticationPrincipal Caller caller, @PathVariable long id) {
        keys.revoke(caller, caller.tenantId(), id);
        return Envelope.ok();
    }
}
