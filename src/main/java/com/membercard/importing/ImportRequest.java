package com.membercard.importing;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * Body of op38, the original document's fields: the file, the shop that issues the cards, their card
 * class and the members' level when the file has no 等级/level column.
 */
record ImportRequest(
        @Schema(example = "members-2026-01.xlsx", description = "relative to the import folder (MEMBERCARD_IMPORT_DIR)")
        @NotBlank
        @Size(max = 500)
        String filePath,

        @Schema(example = "1") @Positive Long shopId,
        @Schema(example = "1") @NotNull @Positive Long memberCardClassId,

        @Schema(example = "1", description = "the level of rows without a 等级/level; required unless each row names one")
        @Positive
        Long memberLevelId) {}
