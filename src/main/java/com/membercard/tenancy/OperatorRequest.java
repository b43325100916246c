package com.membercard.tenancy;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /operators} and {@code PUT /operators/{id}}. On update a blank password keeps
 * the old one, and the username cannot change (it is how the operator signs in and is recorded).
 */
public record OperatorRequest(
        @Schema(example = "cashier01") @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_.@-]+")
        String username,

        @Schema(example = "s3cret-pass") @Size(min = 8, max = 72)
        String password,

        @Schema(example = "王小明") @Size(max = 100) String name,
        @Schema(example = "CASHIER") @NotNull Role role,
        @Schema(example = "1") Long shopId,
        @Schema(example = "true") Boolean active) {}
