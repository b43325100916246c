package com.membercard.scanpay;

import com.membercard.shared.BusinessCode;
import com.membercard.shared.Envelope;
import com.membercard.shared.Money;
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
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Scan pay at the till: the customer's WeChat, Alipay or UnionPay payment code. */
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

    private final ScanPayments payments;
    private final TenantDirectory tenants;
    private final MessageSource messages;

    ScanPayController(ScanPayments payments, TenantDirectory tenants, MessageSource messages) {
        this.payments = payments;
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

    private ResponseEntity<Envelope<ScanPayResult>> answer(ScanPayments.Outcome outcome) {
        BusinessCode code = outcome.code();
        String message = code == BusinessCode.SUCCESS
                ? "OK"
                : messages.getMessage(code.messageKey(), null, "", LocaleContextHolder.getLocale());
        return ResponseEntity.status(code.httpStatus()).body(new Envelope<>(code.code(), message, outcome.data()));
    }
}
