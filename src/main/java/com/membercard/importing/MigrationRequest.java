package com.membercard.importing;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * Body of op40, the original document's fields: from which tenant, into which, and the target's shop
 * that the copied cards are opened at (by id, or else by name).
 */
record MigrationRequest(
        @Schema(example = "1") @NotNull @Positive Long tenantIdByMemberExport,
        @Schema(example = "2") @NotNull @Positive Long tenantIdByMemberImport,
        @Schema(example = "5") @Positive Long shopId,
        @Schema(example = "南京西路店") @Size(max = 100) String shopName) {}
