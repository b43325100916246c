package com.membercard.member;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.membercard.card.CardStatus;
import com.membercard.catalog.CardClass;
import com.membercard.catalog.CardClasses;
import com.membercard.member.PersonalData.Purpose;
import com.membercard.shared.BusinessCode;
import com.membercard.shared.BusinessException;
import com.membercard.shared.Envelope;
import com.membercard.shared.Page;
import com.membercard.shared.Paging;
import com.membercard.shared.security.SecurityEvent;
import com.membercard.shared.web.BusinessCodes;
import com.membercard.shared.web.DateTimeJson;
import com.membercard.tenancy.Caller;
import com.membercard.tenancy.TenantDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/members")
@Tag(name = "Members (会员)")
class MemberController {

    private final MemberQueries queries;
    private final MemberManagement management;
    private final CardClasses cardClasses;
    private final TenantDirectory tenants;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;

    MemberController(
            MemberQueries queries,
            MemberManagement management,
            CardClasses cardClasses,
            TenantDirectory tenants,
            JsonMapper json,
            ApplicationEventPublisher events) {
        this.queries = queries;
        this.management = management;
        this.cardClasses = cardClasses;
        this.tenants = tenants;
        this.json = json;
        this.events = events;
    }

    @GetMapping("/{id}")
    @Operation(summary = "op01 会员详情 — a member with their current card")
    @BusinessCodes(404)
    MemberView get(@AuthenticationPrincipal Caller caller, @PathVariable long id) {
        return shown(caller).apply(queries.get(caller.tenantId(), id));
    }

    @GetMapping
    @Operation(
            summary = "op02 会员列表 — list members",
            description = "`keyword`: a name or phone containing it, or a member or card code starting with it. "
                    + "`memberLevel` is a level id, `shopId` the issuing shop, `status` the card status. "
                    + "`totalCount` and `sumData` cover every matching member, not only the page. Newest first.")
    @BusinessCodes(400)
    Page<MemberView> list(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) @Size(max = 50) String keyword,
            @RequestParam(required = false) @Positive Long memberLevel,
            @RequestParam(required = false) Integer pageIndex,
            @RequestParam(required = false) Integer pageSize,
            @RequestParam(required = false) @Positive Long shopId,
            @RequestParam(required = false) @Min(CardStatus.FIRST) @Max(CardStatus.LAST) Integer status) {
        MemberFilter filter = new MemberFilter(blankToNull(keyword), memberLevel, shopId, status, null, null, null);
        return shown(caller, queries.page(caller.tenantId(), filter, Paging.of(pageIndex, pageSize)));
    }

    @GetMapping("/opened")
    @Operation(
            summary = "op03 开卡明细 — members whose card was opened in a period",
            description = "By the card's effective time; `startDate` and `endDate` (yyyy-MM-dd) both inclusive, "
                    + "in the tenant's time zone. The other filters as op02.")
    @BusinessCodes(400)
    Page<MemberView> opened(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) String startDate,
            @RequestParam(required = false) String endDate,
            @RequestParam(required = false) @Size(max = 50) String keyword,
            @RequestParam(required = false) @Positive Long memberLevel,
            @RequestParam(required = false) Integer pageIndex,
            @RequestParam(required = false) Integer pageSize,
            @RequestParam(required = false) @Positive Long shopId,
            @RequestParam(required = false) @Min(CardStatus.FIRST) @Max(CardStatus.LAST) Integer status) {
        long tenantId = caller.tenantId();
        ZoneId zone = tenants.zoneOf(tenantId);
        OffsetDateTime from = startOfDay(startDate, "startDate", zone, 0);
        OffsetDateTime before = startOfDay(endDate, "endDate", zone, 1);
        if (from != null && before != null && !from.isBefore(before)) {
            throw BusinessException.invalid("endDate", "error.endBeforeStart");
        }
        MemberFilter filter = new MemberFilter(blankToNull(keyword), memberLevel, shopId, status, null, from, before);
        return shown(caller, queries.page(tenantId, filter, Paging.of(pageIndex, pageSize)));
    }

    @GetMapping(value = "/by-class", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "op04 按卡类别导出 — every member of a card class",
            description = "An export, streamed, oldest first (member tags are not filled in). `tenantId` is "
                    + "honoured for platform administrators only. `phone` and `idCard` are masked "
                    + "(138****5678) except for tenant administrators. Every export is recorded in the "
                    + "security event log (EXPORT), a platform administrator's also as a CROSS_TENANT_READ.")
    @BusinessCodes({400, 404})
    ResponseEntity<StreamingResponseBody> byClass(
            @AuthenticationPrincipal Caller caller,
            @RequestParam @NotNull @Positive Long classId,
            @RequestParam(required = false) @Positive Long shopId,
            @RequestParam(required = false) Long tenantId) {
        long tenant = caller.tenantOrNamed(tenantId);
        tenants.requireExists(tenant);
        CardClass cardClass = cardClasses.get(tenant, classId);
        MemberFilter filter = new MemberFilter(null, null, shopId, null, classId, null, null);
        boolean inFull = PersonalData.shownInFull(caller.role(), Purpose.EXPORT);
        String what = "classId=" + classId + (shopId == null ? "" : " shopId=" + shopId);
        if (caller.isPlatformAdmin()) {
            events.publishEvent(new SecurityEvent(
                    tenant,
                    SecurityEvent.Kind.CROSS_TENANT_READ,
                    caller.operatorId(),
                    caller.apiKeyId(),
                    "members by card class",
                    null,
                    "op04 " + what));
        }
        // recorded before a row leaves (outside a transaction, so a failure to record refuses the export)
        events.publishEvent(new SecurityEvent(
                tenant,
                SecurityEvent.Kind.EXPORT,
                caller.operatorId(),
                caller.apiKeyId(),
                "members of card class " + cardClass.name(),
                null,
                "op04 " + what + (inFull ? ", phone and ID card in full" : ", phone and ID card masked")));
        UnaryOperator<MemberView> shown = PersonalData.forRole(caller.role(), Purpose.EXPORT);
        Locale locale = LocaleContextHolder.getLocale();
        StreamingResponseBody body = out -> {
            LocaleContextHolder.setLocale(locale);
            try (JsonGenerator generator = json.createGenerator(out)) {
                generator.writeStartArray();
                queries.export(tenant, filter, member -> json.writeValue(generator, shown.apply(member)));
                generator.writeEndArray();
            } finally {
                LocaleContextHolder.resetLocaleContext();
            }
        };
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    @GetMapping("/search")
    @Operation(
            summary = "op07 查找会员 — find members at the till",
            description = "By `keyword` (as op02, at most 50 members), or by `mac`: the one member whose card "
                    + "secret it is (602 if none).")
    @BusinessCodes({400, 602, 610, 613})
    List<MemberView> search(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) @Size(max = 50) String keyword,
            @RequestParam(required = false) @Size(max = 128) String mac) {
        if (blankToNull(mac) == null && blankToNull(keyword) == null) {
            throw BusinessException.invalid("keyword", "error.required");
        }
        return queries.search(caller.tenantId(), blankToNull(keyword), blankToNull(mac)).stream()
                .map(shown(caller))
                .toList();
    }

    @PostMapping
    @Operation(
            summary = "op19 新增会员/开卡 — add a member and open their card",
            description = "One transaction. Requires `cardCode`, `cardClassId`, `memberLevelId`. `cardMac` at "
                    + "least the tenant's `minSecretLength` (settings/card-policy, default 8); left out, the "
                    + "server draws a secret and answers it once in `cardMac` beside `data` (ours). Money and "
                    + "points fields are ignored. The issuing shop is the credential's, else `shopId` or "
                    + "`cardSendShopName`. data = the new member's id.")
    @BusinessCodes({400, 409, 613})
    MemberCreated create(@AuthenticationPrincipal Caller caller, @Valid @RequestBody MemberRequest request) {
        MemberManagement.Created created = management.create(caller.tenantId(), caller.shopId(), request);
        return new MemberCreated(BusinessCode.SUCCESS.code(), "OK", created.memberId(), created.generatedCardMac());
    }

    /**
     * op19's envelope, {@code data} the member's id; {@code cardMac} only when the server drew the
     * card's secret: the one time it is shown.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MemberCreated(int status, String message, Long data, String cardMac) {}

    @PutMapping("/{id}")
    @Operation(
            summary = "op20 修改会员 — update a member",
            description = "The member's own fields, level and tags; card fields, money and points are ignored.")
    @BusinessCodes({400, 404, 409})
    Envelope<Void> update(
            @AuthenticationPrincipal Caller caller, @PathVariable long id, @Valid @RequestBody MemberRequest request) {
        management.update(caller.tenantId(), id, request);
        return Envelope.ok();
    }

    /** How the caller is shown a member on the views (op01, op02, op03, op07): {@link PersonalData}. */
    private static UnaryOperator<MemberView> shown(Caller caller) {
        return PersonalData.forRole(caller.role(), Purpose.VIEW);
    }

    private static Page<MemberView> shown(Caller caller, Page<MemberView> page) {
        UnaryOperator<MemberView> shown = shown(caller);
        return new Page<>(
                page.data().stream().map(shown).toList(),
                page.pageIndex(),
                page.pageSize(),
                page.totalCount(),
                page.sumData());
    }

    /** A date filter's day start in the tenant's zone, {@code plusDays} later (1 makes an end inclusive). */
    private static OffsetDateTime startOfDay(String text, String field, ZoneId zone, int plusDays) {
        if (blankToNull(text) == null) {
            return null;
        }
        try {
            LocalDateTime day =
                    DateTimeJson.parse(text).toLocalDate().plusDays(plusDays).atStartOfDay();
            return day.atZone(zone).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            throw BusinessException.invalid(field, "error.type");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
