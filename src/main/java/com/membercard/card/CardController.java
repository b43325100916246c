package com.membercard.card;

import com.membercard.shared.BusinessException;
import com.membercard.shared.Envelope;
import com.membercard.shared.web.BusinessCodes;
import com.membercard.tenancy.Caller;
import com.membercard.tenancy.TenantDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/cards")
@Tag(name = "Cards (卡)")
class CardController {

    private final Cards cards;
    private final CardAuthentication authentication;
    private final CardPins pins;
    private final CardStates states;
    private final CardViews views;
    private final TenantDirectory tenants;
    private final PayCodes payCodes;

    CardController(
            PayCodes payCodes,
            Cards cards,
            CardAuthentication authentication,
            CardPins pins,
            CardStates states,
            CardViews views,
            TenantDirectory tenants) {
        this.cards = cards;
        this.authentication = authentication;
        this.pins = pins;
        this.states = states;
        this.views = views;
        this.tenants = tenants;
        this.payCodes = payCodes;
    }

    @GetMapping
    @Operation(
            summary = "op08 卡详情 — card by code or secret",
            description = "By `cardCode`, by `mac` (the card's secret), or both (then the secret must be the "
                    + "card's). `password` is always empty and `mac` masked.")
    @BusinessCodes({400, 602, 610, 613})
    CardView card(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) @Size(max = 32) String cardCode,
            @RequestParam(required = false) @Size(max = 128) String mac) {
        long tenantId = caller.tenantId();
        Card card;
        if (mac != null) {
            card = authentication.authenticate(tenantId, CardCredentials.of(cardCode, mac), CardUse.READ);
        } else if (cardCode != null) {
            card = cards.byCode(tenantId, cardCode).orElseThrow(Cards::noSuchCard);
        } else {
            throw BusinessException.invalid("cardCode", "error.required");
        }
        return views.of(tenantId, card);
    }

    @PostMapping("/report-loss")
    @Operation(summary = "op33 挂失 — report a card lost", description = "No secret needed. `timestamp` is the serial.")
    @BusinessCodes({400, 409, 601, 602, 603, 604, 801})
    Envelope<Void> reportLoss(
            @AuthenticationPrincipal Caller caller, @Valid @RequestBody CardCommands.ReportLoss request) {
        return states.reportLoss(caller.tenantId(), tenants.actor(caller, request.userId()), request);
    }

    @PostMapping("/cancel-loss")
    @Operation(summary = "op34 解挂 — cancel a loss report", description = "The card's secret is required.")
    @BusinessCodes({400, 409, 601, 602, 604, 610, 611, 801})
    Envelope<Void> cancelLoss(
            @AuthenticationPrincipal Caller caller, @Valid @RequestBody CardCommands.CancelLoss request) {
        return states.cancelLoss(caller.tenantId(), tenants.actor(caller, request.userId()), request);
    }

    @PostMapping("/void")
    @Operation(
            summary = "op36 作废 — void a card",
            description = "Refused with 611 while the card holds real balance. With a `timestamp` a retry "
                    + "answers 801; without one a second void answers 604.")
    @BusinessCodes({400, 409, 601, 602, 603, 604, 611, 801})
    Envelope<Void> voidCard(@AuthenticationPrincipal Caller caller, @Valid @RequestBody CardCommands.VoidCard request) {
        return states.voidCard(caller.tenantId(), tenants.actor(caller, request.userId()), request);
    }

    /** op39's body: {@code code} is the card's code. */
    record PayCodeRequest(
            @io.swagger.v3.oas.annotations.media.Schema(example = "8800001234")
            @jakarta.validation.constraints.NotBlank
            @Size(max = 32)
            String code,

            Long id,

            @jakarta.validation.constraints.NotBlank @Size(max = 128)
            String mac,

            @io.swagger.v3.oas.annotations.media.Schema(
                    example = "123456",
                    description = "ours: the card's PIN, required when the card has one")
            @Size(max = 12)
            String password) {}

    @PostMapping("/pay-code")
    @Operation(
            summary = "op39 生成付款码 — issue a one-time payment code",
            description = "18 digits, valid 60 seconds, usable once as `mac` in op21–op24. A card with a PIN "
                    + "needs it in `password` (the code then stands for the secret and the PIN). data = the code.")
    @BusinessCodes({400, 601, 602, 603, 604, 609, 610})
    Envelope<String> payCode(@AuthenticationPrincipal Caller caller, @Valid @RequestBody PayCodeRequest request) {
        long tenantId = caller.tenantId();
        Card card = authentication.authenticate(
                tenantId,
                new CardCredentials(request.code(), request.mac(), request.password()),
                CardUse.ISSUE_PAY_CODE);
        card.cardStatus().requireUsable();
        return Envelope.ok(payCodes.issue(tenantId, card.id()));
    }

    @PostMapping("/pin")
    @Operation(
            summary = "设置/修改卡密码 — set or change the card's PIN (ours)",
            description = "The card's secret (`mac`) always, and the current PIN (`oldPassword`) when the card "
                    + "has one; wrong ones count toward the card's lock like a wrong secret (602/609, then 610). "
                    + "The new PIN (`password`, 4–12 digits) is then required wherever money or points leave "
                    + "the card. Neither PIN is ever returned. `timestamp` is the serial.")
    @BusinessCodes({400, 409, 601, 602, 603, 604, 609, 610, 801})
    Envelope<Void> changePin(
            @AuthenticationPrincipal Caller caller, @Valid @RequestBody CardCommands.ChangePin request) {
        return pins.change(caller.tenantId(), tenants.actor(caller, request.userId()), request);
    }

    @PostMapping("/pin/clear")
    @Operation(
            summary = "清除卡密码 — clear a forgotten PIN (ours, tenant administrators)",
            description = "For a member who has forgotten the PIN and shown who they are; the member then sets "
                    + "a new one with the secret. Recorded as a card event. `timestamp` is the serial.")
    @BusinessCodes({400, 409, 602, 801})
    Envelope<Void> clearPin(@AuthenticationPrincipal Caller caller, @Valid @RequestBody CardCommands.ClearPin request) {
        return pins.clear(caller.tenantId(), tenants.actor(caller, null), request);
    }
}
