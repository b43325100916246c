package com.membercard.member;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.membercard.card.CardSendMode;
import com.membercard.shared.validation.Pin;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Body of op19 (create a member and open their card) and op20 (update the member's own fields).
 * Field names are the original document's Member fields; its money and points fields may be sent
 * but are ignored (balances change only through the ledger). On op20 the card fields are ignored.
 * {@code cardPassword} (an optional PIN) and {@code shopId} are ours.
 */
public record MemberRequest(
        @Schema(example = "张伟") @NotBlank @Size(max = 50) String name,

        @Schema(example = "1", description = "0 unknown, 1 male, 2 female") @Min(0) @Max(2)
        Integer sex,

        @Schema(example = "1990-05-01 00:00:00") LocalDateTime birthday,

        @Schema(example = "13812345678") @Size(max = 20) @Pattern(regexp = MemberPatterns.PHONE)
        String phone,

        @Schema(example = "310101199005010011") @Size(max = 32)
        String idCard,

        @Schema(example = "上海市静安区") @Size(max = 200) String address,

        @Schema(example = "M00012345", description = "member number; generated when absent")
        @Size(max = 32)
        @Pattern(regexp = MemberPatterns.CODE)
        String code,

        @Schema(example = "1") @NotNull Long memberLevelId,
        @Schema(example = "[1, 2]") @Size(max = 50) List<@NotNull Long> memberTagIds,

        @Schema(example = "8800001234") @Size(max = 32) @Pattern(regexp = MemberPatterns.CODE)
        String cardCode,

        @Schema(
                example = "a1b2c3d4e5f6",
                description = "the card's secret (卡密), at least the tenant's minSecretLength (default 8); "
                        + "left out, the server draws one and answers it once")
        @Size(max = 128)
        @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
        String cardMac,

        @Schema(example = "123456", description = "optional PIN: 4 to 12 digits")
        @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
        @Pin
        String cardPassword,

        @Schema(example = "1") Long cardClassId,

        @Schema(example = "1", description = "1 shop, 2 electronic, 3 imported, 4 migrated")
        @Min(CardSendMode.FIRST)
        @Max(CardSendMode.LAST)
        Integer cardSendMode,

        @Schema(example = "南京西路店", description = "issuing shop by name, when the credential names none")
        @Size(max = 100)
        String cardSendShopName,

        @Schema(example = "1", description = "issuing shop by id, when the credential names none")
        Long shopId,

        @Schema(example = "2026-01-15 10:11:28") LocalDateTime effectiveTime) {}
