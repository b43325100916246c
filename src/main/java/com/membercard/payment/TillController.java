package com.membercard.payment;

import com.membercard.shared.BusinessCode;
import com.membercard.shared.Envelope;
import com.membercard.shared.jdbc.SpansNodes;
import com.membercard.shared.web.BusinessCodes;
import com.membercard.tenancy.Caller;
import com.membercard.tenancy.TenantDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The money operations of the till. Every command's serial makes a retry safe (801). */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Till: payments, recharges, refunds (收银)")
class TillController {

    private final CardPayments payments;
    private final Recharges recharges;
    private final BalanceRefunds balanceRefunds;
    private final OnlineBalanceRefunds onlineBalanceRefunds;
    private final CardReplacement replacement;
    private final GiftRedemptions gifts;
    private final TenantDirectory tenants;
    private final MessageSource messages;

    TillController(
            CardPayments payments,
            Recharges recharges,
            BalanceRefunds balanceRefunds,
            OnlineBalanceRefunds onlineBalanceRefunds,
            CardReplacement replacement,
            GiftRedemptions gifts,
            TenantDirectory tenants,
            MessageSource messages) {
        this.payments = payments;
        this.recharges = recharges;
        this.balanceRefunds = balanceRefunds;
        this.onlineBalanceRefunds = onlineBalanceRefunds;
        this.replacement = replacement;
        this.gifts = gifts;
        this.tenants = tenants;
        this.messages = messages;
    }

    @GetMapping("/cards/pay-info")
    @Operation(
            summary = "op21 卡支付信息 — what the till needs before charging a card",
            description = "By card code and secret (or a live payment code in `mac`).")
    @BusinessCodes({400, 601, 602, 603, 604, 606, 610})
    Envelope<PayInfo> payInfo(
            @AuthenticationPrincipal Caller caller,
            @RequestParam @NotBlank @Size(max = 32) String cardCode,
            @RequestParam @NotBlank @Size(max = 128) String mac) {
        return Envelope.ok(payments.info(caller.tenantId(), cardCode, mac));
    }

    @GetMapping("/cards/pay-info/by-mac")
    @Operation(
            summary = "op22 卡支付信息（卡密/付款码） — pay info by secret or payment code alone",
            description = "606 for an expired or spent payment code.")
    @BusinessCodes({400, 601, 602, 603, 604, 606, 610, 613})
    Envelope<PayInfo> payInfoByMac(
            @AuthenticationPrincipal Caller caller, @RequestParam @NotBlank @Size(max = 128) String mac) {
        return Envelope.ok(payments.info(caller.tenantId(), null, mac));
    }

    @PostMapping("/card-payments")
    @Operation(
            summary = "op23 会员卡消费 — pay with the card",
            description = "Takes `money` from the card, split between real and gift money by the card class's "
                    + "`deductOrder`, and earns points. `code` is the POS order number and the serial. data = "
                    + "PayInfo after the payment.")
    @BusinessCodes({400, 409, 601, 602, 603, 604, 605, 606, 609, 610, 801})
    Envelope<PayInfo> pay(@AuthenticationPrincipal Caller caller, @Valid @RequestBody TillRequests.Pay request) {
        return payments.pay(caller.tenantId(), tenants.actor(caller, request.userId()), request);
    }

    @PostMapping("/card-payments/refund")
    @Operation(
            summary = "op24 撤销消费/退款 — cancel or partly refund a card payment",
            description = "Gives `money` of order `code`'s payment back in its real/gift split and takes back the "
                    + "points it earned; all refunds of an order together never exceed what it paid (612). The "
                    + "serial is `code`, or `timestamp` when given (to refund an order in several parts).")
    @BusinessCodes({400, 404, 409, 601, 602, 603, 604, 606, 610, 612, 801})
    Envelope<PayInfo> refundPayment(
            @AuthenticationPrincipal Caller caller, @Valid @RequestBody TillRequests.RefundPayment request) {
        return payments.refund(caller.tenantId(), tenants.actor(caller, request.userId()), request);
    }

    @PostMapping("/recharges")
    @Operation(
            summary = "op29 充值 — recharge a card",
            description = "`money = payMoney + giveMoney`, the details add up to payMoney and are never type 2. With "
                    + "`planId` the plan decides giveMoney (1001 if not in use or outside its window). Gift money "
                    + "without a plan only as the tenant's card policy allows (614; default: none); a tenant "
                    + "administrator may give more, recorded as a security event. data = "
                    + "{rechargeCode, money, payMoney, giveMoney, balance, actualBalance, giveBalance}.")
    @BusinessCodes({400, 404, 409, 601, 602, 603, 604, 610, 611, 614, 801, 1001})
    Envelope<Recharges.Result> recharge(
            @AuthenticationPrincipal Caller caller, @Valid @RequestBody TillRequests.Recharge request) {
        return recharges.recharge(caller, tenants.actor(caller, request.userId()), request);
    }

    @GetMapping("/recharges/refund-draft")
    @Operation(
            summary = "op17 退充值预览 — the recharge that can be refunded",
            description = "The newest recharge not refunded whose money the card still holds, in op31's shape.")
    @BusinessCodes({400, 404, 602})
    Recharges.Draft rechargeRefundDraft(
            @AuthenticationPrincipal Caller caller, @RequestParam @NotBlank @Size(max = 32) String cardCode) {
        return recharges.refundDraft(caller.tenantId(), cardCode);
    }

    @PostMapping("/recharges/refund")
    @Operation(
            summary = "op31 退充值 — refund one recharge in full",
            description = "Real balance −payMoney, gift −giveMoney of recharge `rechargeCode`; 605 when the card no "
                    + "longer holds that much, 612 when it was refunded before.")
    @BusinessCodes({400, 404, 409, 601, 602, 603, 604, 605, 609, 610, 612, 801})
    Envelope<Void> refundRecharge(
            @AuthenticationPrincipal Caller caller, @Valid @RequestBody TillRequests.RefundRecharge request) {
        return recharges.refund(caller.tenantId(), tenants.actor(caller, request.userId()), request);
    }

    @GetMapping("/balance-refunds/draft")
    @Operation(
            summary = "op18 退储值预览 — a proposal to refund the whole real balance",
            description = "Along the payment records, newest first; `refundMoney` is the part that can go back "
                    + "online, `giveMoney` the gift money forfeited, `timestampNow` a fresh serial.")
    @BusinessCodes({400, 602})
    BalanceRefunds.Draft balanceRefundDraft(
            @AuthenticationPrincipal Caller caller, @RequestParam @NotBlank @Size(max = 32) String cardCode) {
        return balanceRefunds.draft(caller.tenantId(), cardCode);
    }

    @PostMapping("/balance-refunds")
    @Operation(
            summary = "op32 退储值 — refund stored value by hand",
            description = "Pays `payMoney` of the real balance back by `paymentType`; the gift money in proportion is "
                    + "forfeited. `details` name the payment records the money follows (else newest first).")
    @BusinessCodes({400, 409, 601, 602, 603, 604, 605, 609, 610, 612, 801})
    Envelope<Void> refundBalance(
            @AuthenticationPrincipal Caller caller, @Valid @RequestBody TillRequests.RefundBalance request) {
        return balanceRefunds.refund(caller.tenantId(), tenants.actor(caller, request.userId()), request);
    }

    @PostMapping("/balance-refunds/original-route")
    @SpansNodes // sharded mode: the sandbox gateway, when it is the channel, keeps its books on node 0
    @Operation(
            summary = "op27 原路退储值 — refund stored value along the original online payments",
            description = "Pays `payMoney` of the real balance back along the recharges paid by scan pay (op29 details"
                    + " naming their `orderCode`), each part through the gateway of the payment it came from: the"
                    + " named `details`, or else the newest such records first (612 when they hold less). Each"
                    + " part is a balance refund bill of its own (gift money forfeited in proportion, as op32)."
                    + " 200 every part refunded; 703 a part is unknown (the janitor follows it up); 702 the"
                    + " gateway refused a part, which is back on the card (the others stay refunded); `refunds`"
                    + " lists each part's `status` (701, 702, 703). 452 a named record not paid by scan pay (use"
                    + " op32). The serial is `timestampNow` or `timestamp`: the same again answers the parts as"
                    + " they are now (801 when all were refunded), other content 409.")
    @BusinessCodes({400, 409, 450, 452, 601, 602, 603, 604, 605, 609, 610, 612, 702, 703, 801})
    ResponseEntity<Envelope<OnlineBalanceRefunds.Result>> refundBalanceOnline(
            @AuthenticationPrincipal Caller caller, @Valid @RequestBody TillRequests.RefundBalance request) {
        OnlineBalanceRefunds.Answer answer =
                onlineBalanceRefunds.refund(caller.tenantId(), tenants.actor(caller, request.userId()), request);
        BusinessCode code = answer.code();
        String message = code == BusinessCode.SUCCESS
                ? "OK"
                : messages.getMessage(code.messageKey(), null, "", LocaleContextHolder.getLocale());
        return ResponseEntity.status(code.httpStatus()).body(new Envelope<>(code.code(), message, answer.data()));
    }

    @PostMapping("/cards/return")
    @Operation(
            summary = "op30 退卡 — return the card",
            description = "The whole real balance is paid back by `paymentType`; gift money and points are forfeited; "
                    + "the card ends returned (4).")
    @BusinessCodes({400, 409, 601, 602, 603, 604, 609, 610, 801})
    Envelope<Void> returnCard(
            @AuthenticationPrincipal Caller caller, @Valid @RequestBody TillRequests.ReturnCard request) {
        return balanceRefunds.returnCard(caller.tenantId(), tenants.actor(caller, request.userId()), request);
    }

    @PostMapping("/cards/replace")
    @Operation(
            summary = "op35 换卡/补卡 — replace a card",
            description = "Moves the member, balances, totals and points of `oldCardCode` (normal or lost) to the new "
                    + "card `cardCode`/`mac` in one transfer; the old card becomes void. The old card must be "
                    + "proved by its secret (`oldMac`, ours) unless it was reported lost (op33; else 611), and by "
                    + "its PIN (`password`) where it has one; the new card keeps that PIN.")
    @BusinessCodes({400, 409, 601, 602, 604, 609, 610, 611, 613, 801})
    Envelope<Void> replace(
            @AuthenticationPrincipal Caller caller, @Valid @RequestBody TillRequests.ReplaceCard request) {
        return replacement.replace(caller.tenantId(), tenants.actor(caller, request.userId()), request);
    }

    @PostMapping("/gifts/redeem")
    @Operation(
            summary = "op37 积分兑换 — redeem a gift with points",
            description = "Spends the gift's points, first-to-expire first; 608 gift not in use, 1002 sold out, "
                    + "607 too few points.")
    @BusinessCodes({400, 409, 601, 602, 603, 604, 607, 608, 609, 610, 801, 1002})
    Envelope<Void> redeem(@AuthenticationPrincipal Caller caller, @Valid @RequestBody TillRequests.RedeemGift request) {
        return gifts.redeem(caller.tenantId(), tenants.actor(caller, request.userId()), request);
    }
}
