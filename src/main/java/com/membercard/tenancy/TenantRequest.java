package com.membercard.tenancy;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /tenants}: the tenant and its first administrator. On {@code PUT} only name and
 * time zone are read. The time zone defaults to Asia/Shanghai.
 */
public record TenantRequest(
        @Schema(example = "好味道餐饮") @NotBlank @Size(max = 100)
        String name,

        @Schema(example = "haoweidao") @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_.@-]+")
        String adminUsername,

        @Schema(example = "change-me-now") @Size(min = 8, max = 72)
        String adminPassword,

        @Schema(example = "Asia/Shanghai") @Size(max = 50) String timeZone) {}
