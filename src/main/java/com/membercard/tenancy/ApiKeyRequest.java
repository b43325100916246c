package com.membercard.tenancy;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.LocalDateTime;

/**
 * Body of {@code POST/PUT /api-keys}; the role defaults to CASHIER, the usual POS terminal.
 * {@code expiresAt} (optional, in the tenant's time zone, in the future): from then on the key answers
 * 401; on an update, null keeps the key's expiry as it is.
 */
public record ApiKeyRequest(
        @NotBlank @Schema(example = "收银台 1 号") @Size(max = 100)
        String name,

        @Schema(example = "CASHIER") Role role,
        @Schema(example = "1") Long shopId,
        @Schema(example = "2027-12-31 23:59:59") LocalDateTime expiresAt) {

    Role roleOrDefault() {
        return role == null ? Role.CASHIER : role;
    }
}
