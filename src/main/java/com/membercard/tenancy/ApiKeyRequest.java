package com.membercard.tenancy;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST/PUT /api-keys}; the role defaults to CASHIER, the usual POS terminal. */
record ApiKeyRequest(@NotBlank @Size(max = 100) String name, Role role, Long shopId) {

    Role roleOrDefault() {
        return role == null ? Role.CASHIER : role;
    }
}
