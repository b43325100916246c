package com.membercard.scanpay;

import com.membercard.shared.BusinessCode;
import com.membercard.shared.Envelope;
import com.membercard.shared.Money;
import com.membercard.shared.jdbc.SpansNodes;
import com.membercard.shared.validation.MoneyAmount;
import com.membercard.shared.validation.Serial;
import com.membercard.shared.web.BusinessCodes;
import com.membercard.tenancy.Caller;
import com.membercard.tenancy.TenantDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Scan pay at the till: the customer's WeChat, Alipay or UnionPay payment code. */
// sharded mode: the sandbox gateway, when it is the channel, keeps its books on node 0
@SpansNodes
@RestController
@RequestMapping("/api/v1/scan-payments")
@Tag(name = "Scan pay (扫码支付)")
@Validated
class ScanPayController {

    /** op25's body, the original document's fields (named apart from op23's Pay in the API document). */
    record ScanPay(
            @Schema(example = "134567890123456789", description = "the customer's payment code, as scanned")
            @NotBlank
            @Size(max = 32)
            String payCode,

            @Schema(example = "ORDER-20260115-0001") @Serial String orderCode,
            @Schema(example = "35.50") @NotNull @MoneyAmount BigDecimal money,
            @Schema(example = "3") Long userId,
            @Size(max = 50) String userName) {}

    /**
     * op26's body: the original document's fields (the same as op25's; {@code payCode} is optional
     * and, when sent, must be of the wallet that paid) plus {@code timestamp} (ours), the refund's
     * serial: without it the order code is, so one refund per order; send one with each part to
     * refund an order in several parts.
     */
    record ScanRefund(
            @Schema(example = "134567890123456789", description = "optional: the customer's payment code")
            @Size(max = 32)
            String payCode,

            @Schema(example = "ORDER-20260115-0001", description = "the paid order") @Serial
            String orderCode,

            @Schema(example = "10.00") @NotNull @MoneyAmount BigDecimal money,
            @Schema(example = "3") Long userId,
            @Size(max = 50) String userName,

            @Schema(example = "REFUND-20260115-0001", description = "ours: the refund's serial (default orderCode)")
            @Size(max = 64)
            String timestamp) {

        String serial() {
            return timestamp == null || timestamp.isBlank() ? orderCode : timestamp;
        }
    }

    private final ScanPayments payments;
    private final ScanRefunds refunds;
    private final GatewayReconciliation reconciliation;
    private final TenantDirectory tenants;
    private final MessageSource messages;

    ScanPayController(
            ScanPayments payments,
            ScanRefunds refunds,
            GatewayReconciliation reconciliation,
            TenantDirectory tenants,
            MessageSource messages) {
        this.payments = payments;
        this.refunds = refunds;
        this.reconciliation = reconciliation;
        this.tenants = tenants;
        this.messages = messages;
    }

    @PostMapping
    @Operation(
            summary = "op25 扫码支付 — charge the customer's payment code",
            description = "The wallet is known by the code's prefix and length (`paymentType` 3 WeChat, 4 Alipay,"
                    + " 10 UnionPay). 200 paid (`timestamp` = the gateway's transaction id), 702 refused, 703"
                    + " outcome unknown (ask with op28), 704 code expired, 1003 the customer did not confirm in"
                    + " time and the order was cancelled. `orderCode` is the serial: after a success 801 with the"
                    + " first answer (another amount 409); while an attempt is unknown 703 and no second charge;"
                    + " after 702/704/1003 the same order may be tried again.")
    @BusinessCodes({400, 409, 455, 702, 703, 704, 801, 1003})
    ResponseEntity<Envelope<ScanPayResult>> pay(
            @AuthenticationPrincipal Caller caller, @Valid @RequestBody ScanPay request) {
        return answer(payments.pay(
                caller.tenantId(),
                tenants.actor(caller, request.userId()),
                request.payCode(),
                request.orderCode(),
                Money.of(request.money())));
    }

    @PostMapping("/refund")
    @Operation(
            summary = "op26 扫码退款 — refund a scan payment, whole or in part",
            description = "Refunds `money` of order `orderCode`'s paid scan payment through its gateway, with a"
                    + " refund number of its own (the gateway's idempotency key). 200 refunded (`timestamp` = the"
                    + " gateway's refund id), 702 refused by the gateway (nothing refunded, the serial may be"
                    + " tried again), 703 unknown (the janitor follows it up; the same request again asks), 612"
                    + " beyond what the payment has left, 404 unknown order, 451 the payment paid a recharge"
                    + " (refund it with op27), 450 its gateway is no longer configured. The serial is"
                    + " `timestamp` (ours) or else `orderCode`: the same again answers 801 with the first answer,"
                    + " other content 409.")
    @BusinessCodes({400, 404, 409, 450, 451, 612, 702, 703, 801})
    ResponseEntity<Envelope<ScanPayResult>> refund(
            @AuthenticationPrincipal Caller caller, @Valid @RequestBody ScanRefund request) {
        return answer(refunds.refund(
                caller.tenantId(),
                tenants.actor(caller, request.userId()),
                request.payCode(),
                request.orderCode(),
                request.serial(),
                Money.of(request.money())));
    }

    @PostMapping("/{orderCode}/query")
    @Operation(
            summary = "op28 查询支付结果 — the outcome of a scan payment",
            description = "Asks the gateway when the payment is still open, then answers its state: 701 paid,"
                    + " 702 failed, 703 still unknown, 1003 timed out and cancelled; data as op25's.")
    @BusinessCodes({404, 701, 702, 703, 1003})
    ResponseEntity<Envelope<ScanPayResult>> query(
            @AuthenticationPrincipal Caller caller, @PathVariable @Serial String orderCode) {
        return answer(payments.query(caller.tenantId(), orderCode));
    }

    @GetMapping("/reconciliation")
    @Operation(
            summary = "对账 — a day's statements of the tenant's gateways against our scan payments and refunds",
            description = "Downloads the statement of `date` (yyyy-MM-dd, the gateways' day: Beijing time) from each"
                    + " configured gateway, or from `gateway` alone, and lists the differences with our own records:"
                    + " `MISSING_AT_GATEWAY` (settled here, not there), `MISSING_HERE` (there, not settled here:"
                    + " `ourStatus` says what we know of it, null when nothing) and `AMOUNT_DIFFERS`, for payments"
                    + " and refunds, with both sides' totals and how many of our attempts of the day are still open"
                    + " (`openAttempts`); a statement that cannot be downloaded is said (`statementError`) and the other"
                    + " gateways still reconciled. Changes nothing. 450 when `gateway` is not configured.")
    @BusinessCodes({400, 450})
    GatewayReconciliation.Report reconciliation(
            @AuthenticationPrincipal Caller caller,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @RequestParam(required = false) @Size(max = 16) String gateway) {
        return reconciliation.reconcile(caller.tenantId(), date, gateway);
    }

    private ResponseEntity<Envelope<ScanPayResult>> answer(ScanPayments.Outcome outcome) {
        BusinessCode code = outcome.code();
        String message = code == BusinessCode.SUCCESS
                ? "OK"
                : messages.getMessage(code.messageKey(), null, "", LocaleContextHolder.getLocale());
        return ResponseEntity.status(code.httpStatus()).body(new Envelope<>(code.code(), message, outcome.data()));
    }
}
