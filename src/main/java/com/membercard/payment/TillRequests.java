package com.membercard.payment;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.membercard.shared.validation.MoneyAmount;
import com.membercard.shared.validation.Serial;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;

/**
 * The bodies of the money commands, with the original document's field names. {@code mac} is the
 * card's secret or, for op23/op24, a live payment code (op39). {@code password} (ours) is the card's
 * PIN where money or points leave the card ({@code CardUse}). Secrets and PINs are read, never
 * written back ({@code WRITE_ONLY}), so they are not in the serial's stored request hash: a replay
 * of a serial answers the same whatever secret it carries, and tells nothing of a guessed secret;
 * nor does a database dump give a hash to guess secrets against offline. Every serial is required.
 * Public on purpose: the admin console's web till builds these same bodies and checks them with the
 * same constraints.
 */
public final class TillRequests {

    private TillRequests() {}

    /** op23. {@code code} is the POS order number and the serial. */
    public record Pay(
            @Schema(example = "8800001234", description = "optional when mac is a payment code") @Size(max = 32)
            String cardCode,

            @Schema(example = "a1b2c3d4e5f6")
            @NotBlank
            @Size(max = 128)
            @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
            String mac,

            @Schema(example = "123456", description = "ours: the card's PIN, required when the card has one")
            @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
            @Size(max = 12)
            String password,

            @Schema(example = "35.50") @NotNull @MoneyAmount BigDecimal money,
            @Schema(example = "ORDER-20260115-0001") @Serial String code,
            @Schema(example = "3") Long userId,
            Long id) {}

    /**
     * op24. {@code code} names the order whose payment is refunded. It is also the serial unless
     * {@code timestamp} is given: send one to refund an order in several parts.
     */
    public record RefundPayment(
            @Size(max = 32) String cardCode,

            @NotBlank @Size(max = 128) @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
            String mac,

            @Schema(example = "10.00") @NotNull @MoneyAmount BigDecimal money,
            @Schema(example = "ORDER-20260115-0001") @Serial String code,

            @Schema(example = "REFUND-0001", description = "ours: the serial of this refund, for partial refunds")
            @Size(max = 64)
            String timestamp,

            Long userId,
            Long id) {

        String serial() {
            return timestamp == null || timestamp.isBlank() ? code : timestamp;
        }
    }

    /** A part of a recharge's payment: {@code paymentType} as /dicts/payment-types, never 2. */
    public record Detail(
            @Schema(example = "3") @NotNull @Min(1) @Max(10) Integer paymentType,

            @Schema(example = "100.00") @NotNull @MoneyAmount
            BigDecimal money,

            Long id,

            @Schema(
                    example = "ORDER-20260115-0001",
                    description = "ours: the scan payment (op25's orderCode) that paid this part, of its wallet and"
                            + " amount; op27 can then refund the part along it")
            @Size(max = 64)
            String orderCode) {}

    /**
     * op29. {@code money = payMoney + giveMoney}, the details add up to {@code payMoney}. With
     * {@code planId} the plan decides {@code giveMoney} (and {@code money}); the request's are then
     * not read.
     */
    public record Recharge(
            @Schema(example = "8800001234") @NotBlank @Size(max = 32)
            String cardCode,

            @Schema(example = "a1b2c3d4e5f6")
            @NotBlank
            @Size(max = 128)
            @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
            String mac,

            @Schema(example = "120.00") @MoneyAmount BigDecimal money,

            @Schema(example = "100.00") @NotNull @MoneyAmount
            BigDecimal payMoney,

            @Schema(example = "20.00") @MoneyAmount(zeroAllowed = true)
            BigDecimal giveMoney,

            @NotEmpty @Size(max = 10) List<@Valid @NotNull Detail> details,
            @Size(max = 200) String remark,

            @Schema(example = "POS1-20260115-000123") @Serial
            String timestamp,

            Long userId,
            @Schema(example = "1") Long planId,
            Long id) {}

    /** op31: refunds recharge {@code rechargeCode} (its bill number) in full. */
    public record RefundRecharge(
            Long id,
            String billNo,
            @NotBlank @Size(max = 32) String cardCode,

            @NotBlank @Size(max = 128) @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
            String mac,

            @Schema(example = "123456", description = "ours: the card's PIN, required when the card has one")
            @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
            @Size(max = 12)
            String password,

            @Schema(example = "1", description = "how the money goes back") @NotNull @Min(1) @Max(10)
            Integer paymentType,

            @Schema(example = "CZ2026011500000123") @NotBlank @Size(max = 40)
            String rechargeCode,

            @MoneyAmount BigDecimal money,
            @MoneyAmount BigDecimal payMoney,
            @MoneyAmount(zeroAllowed = true) BigDecimal giveMoney,
            @Size(max = 200) String remark,
            @Serial String timestamp,
            Long userId) {}

    /** A part of a balance refund, along one payment record. */
    public record RefundDetail(
            Long id,
            @Schema(example = "42") @NotNull Long recordId,
            @Min(1) @Max(10) Integer paymentType,
            String paymentTypeName,
            @Schema(example = "50.00") @NotNull @MoneyAmount BigDecimal money) {}

    /**
     * op32: pays {@code payMoney} of the real balance back by hand ({@code paymentType}); the gift
     * money that goes with it is forfeited in proportion. {@code details}, when given, say which
     * payment records the money follows (else the newest first). The serial is {@code
     * timestampNow} (from op18's draft) or {@code timestamp}.
     */
    public record RefundBalance(
            Long id,
            String billNo,
            @NotBlank @Size(max = 32) String cardCode,

            @NotBlank @Size(max = 128) @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
            String mac,

            @Schema(example = "123456", description = "ours: the card's PIN, required when the card has one")
            @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
            @Size(max = 12)
            String password,

            @Schema(description = "how op32 pays back (required there); op27 pays back along each record's wallet")
            @Min(1)
            @Max(10)
            Integer paymentType,

            String rechargeCode,
            @MoneyAmount BigDecimal money,
            @Schema(example = "80.00") @NotNull @MoneyAmount BigDecimal payMoney,
            @MoneyAmount(zeroAllowed = true) BigDecimal giveMoney,
            @MoneyAmount(zeroAllowed = true) BigDecimal refundMoney,
            @Size(max = 200) String remark,
            @Size(max = 64) String timestamp,
            @Size(max = 64) String timestampNow,
            Long userId,
            @Size(max = 50) List<@Valid @NotNull RefundDetail> details) {

        String serial() {
            return timestampNow == null || timestampNow.isBlank() ? timestamp : timestampNow;
        }
    }

    /** op30: the whole real balance paid back by {@code paymentType}; gift and points forfeited. */
    public record ReturnCard(
            @NotBlank @Size(max = 32) String cardCode,

            @NotBlank @Size(max = 128) @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
            String mac,

            @Schema(example = "123456", description = "ours: the card's PIN, required when the card has one")
            @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
            @Size(max = 12)
            String password,

            @NotNull @Min(1) @Max(10) Integer paymentType,
            @Size(max = 200) String remark,
            @Serial String timestamp,
            Long userId,
            Long id) {}

    /**
     * op35: {@code cardCode}/{@code mac} are the new card's. The old one is proved by {@code oldMac}
     * (its secret) unless it was reported lost, and by its PIN ({@code password}) where it has one.
     */
    public record ReplaceCard(
            @Schema(example = "8800009999") @NotBlank @Size(max = 32)
            String cardCode,

            @Schema(example = "new-card-secret")
            @NotBlank
            @Size(min = 4, max = 128)
            @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
            String mac,

            @Schema(example = "8800001234") @NotBlank @Size(max = 32)
            String oldCardCode,

            @Schema(
                    example = "old-card-secret",
                    description = "ours: the old card's secret; not needed once the old card is reported lost")
            @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
            @Size(max = 128)
            String oldMac,

            @Schema(
                    example = "123456",
                    description = "ours: the old card's PIN, required when it has one; the new card keeps it")
            @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
            @Size(max = 12)
            String password,

            @Size(max = 200) String remark,
            @Serial String timestamp,
            Long userId,
            Long id) {}

    /** op37. */
    public record RedeemGift(
            @NotBlank @Size(max = 32) String cardCode,

            @NotBlank @Size(max = 128) @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
            String mac,

            @Schema(example = "123456", description = "ours: the card's PIN, required when the card has one")
            @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
            @Size(max = 12)
            String password,

            @Schema(example = "1") @NotNull Long giftId,
            @Size(max = 200) String remark,
            @Serial String timestamp,
            Long userId,
            Long id) {}
}
