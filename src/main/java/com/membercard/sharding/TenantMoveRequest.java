package com.membercard.sharding;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/** Where to move a tenant: the node's number, 0 to N-1 in the order of {@code MEMBERCARD_SHARDS}. */
record TenantMoveRequest(
        @Schema(example = "1") @NotNull @PositiveOrZero Integer node) {}
