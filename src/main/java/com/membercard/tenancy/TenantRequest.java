package com.membercard.tenancy;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /tenants}: the tenant and its first administrator. On {@code PUT} only name and
 * time zone are read. The time zone defaults to Asia/Shanghai.
 */
record TenantRequest(
        @NotBlank @Size(max = 100) String name,

        @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_.@-]+")
        String adminUsername,

        @Size(min = 8, max = 72) String adminPassword,
        @Size(max = 50) String timeZone) {}
