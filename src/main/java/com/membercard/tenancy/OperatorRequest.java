package com.membercard.tenancy;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /operators} and {@code PUT /operators/{id}}. On update a blank password keeps
 * the old one, and the username cannot change (it is how the operator signs in and is recorded).
 */
record OperatorRequest(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_.@-]+")
        String username,

        @Size(min = 8, max = 72) String password,
        @Size(max = 100) String name,
        @NotNull Role role,
        Long shopId,
        Boolean active) {}
