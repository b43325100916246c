package com.membercard.tenancy;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST/PUT /api-keys}; the role defaults to CASHIER, the usual POS terminal. */
public record ApiKeyRequest(
        @NotBlank @Schema(example = "收银台 1 号") @Size(max = 100)
        String name,

        @Schema(example = "CASHIER") Role role,
        @Schema(example = "1") Long shopId) {

    Role roleOrDefault() {
        return role == null ? Role.CASHIER : role;
    }
}
