package com.membercard.catalog;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST/PUT /member-tags}; names are unique in a tenant. */
public record MemberTagRequest(
        @NotBlank @Schema(example = "爱喝咖啡") @Size(max = 50) String name) {}
