package com.membercard.card;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.membercard.shared.validation.Pin;
import com.membercard.shared.validation.Serial;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Bodies of the card state commands, with the original document's field names. Public on purpose
 * for the three that {@link CardStates} publishes: the admin console builds them too.
 */
public final class CardCommands {

    private CardCommands() {}

    /** op33: no secret, the customer has lost the card. */
    public record ReportLoss(
            @Schema(example = "8800001234") @NotBlank @Size(max = 32)
            String cardCode,

            @Schema(example = "顾客来电挂失") @Size(max = 200) String remark,

            @Schema(example = "POS1-20260115-000123") @Serial
            String timestamp,

            @Schema(example = "3") Long userId,
            Long id) {}

    /** op34: the secret proves the card is back in the member's hands. */
    public record CancelLoss(
            @Schema(example = "8800001234") @NotBlank @Size(max = 32)
            String cardCode,

            @Schema(example = "a1b2c3d4e5f6")
            @NotBlank
            @Size(max = 128)
            @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
            String mac,

            @Size(max = 200) String remark,

            @Schema(example = "POS1-20260115-000124") @Serial
            String timestamp,

            Long userId,
            Long id) {}

    /** op36; {@code timestamp} is optional here (the original has none) but makes a retry safe. */
    public record VoidCard(
            @Schema(example = "8800001234") @NotBlank @Size(max = 32)
            String cardCode,

            @Size(max = 200) String remark,
            @Size(max = 64) String timestamp,
            Long userId,
            Long id) {}

    /**
     * Sets or changes the card's PIN: the secret always, and the current PIN when the card has one
     * (a forgotten PIN is cleared by a tenant administrator, {@link ClearPin}). The PINs never enter
     * the serial's stored request hash ({@code WRITE_ONLY}), nor any answer or log.
     */
    record ChangePin(
            @Schema(example = "8800001234") @NotBlank @Size(max = 32)
            String cardCode,

            @Schema(example = "a1b2c3d4e5f6")
            @NotBlank
            @Size(max = 128)
            @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
            String mac,

            @Schema(example = "123456", description = "the current PIN, when the card has one")
            @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
            @Size(max = 12)
            String oldPassword,

            @Schema(example = "654321", description = "the new PIN: 4 to 12 digits")
            @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
            @NotBlank
            @Pin
            String password,

            @Schema(example = "POS1-20260115-000125") @Serial
            String timestamp,

            Long userId) {}

    /** A tenant administrator clears a forgotten PIN, once the member has shown who they are. */
    record ClearPin(
            @Schema(example = "8800001234") @NotBlank @Size(max = 32)
            String cardCode,

            @Schema(example = "会员持身份证到店，重置密码") @Size(max = 200)
            String remark,

            @Schema(example = "ADMIN-20260115-0001") @Serial String timestamp) {}
}
