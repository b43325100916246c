package com.membercard.settlement;

import com.membercard.shared.BusinessCode;
import com.membercard.shared.BusinessException;
import com.membercard.shared.Envelope;
import com.membercard.shared.Page;
import com.membercard.shared.Paging;
import com.membercard.shared.web.BusinessCodes;
import com.membercard.tenancy.Caller;
import com.membercard.tenancy.TenantDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/day-end")
@Tag(name = "Day-end (日结)")
class DayEndController {

    /** {@code expected}: the till's own totals, optional. */
    record CloseRequest(Long shopId, String businessDate, TillTotals expected) {}

    private final DayEnds dayEnds;
    private final DayEndSchedule schedule;
    private final TenantDirectory tenants;
    private final MessageSource messages;

    DayEndController(DayEnds dayEnds, DayEndSchedule schedule, TenantDirectory tenants, MessageSource messages) {
        this.dayEnds = dayEnds;
        this.schedule = schedule;
        this.tenants = tenants;
        this.messages = messages;
    }

    @PostMapping
    @Operation(
            summary = "日结 — close a shop's business day",
            description = "Totals the bills of (shopId, businessDate) by kind, payment type and operator, stores them "
                    + "and closes the day: the shop's later bills fall on the next business day. `businessDate` "
                    + "yyyy-MM-dd, not after the tenant's today (400); `shopId` may be left out by a credential "
                    + "bound to a shop, which closes that shop only (403 otherwise); an unknown shop or another "
                    + "tenant's: 404. `expected` {byKind: [{kind, count, amount}], byPaymentType: [{paymentType, "
                    + "received, paidBack}]}, the till's own figures, optional: when they differ the day is closed "
                    + "all the same and the answer is 905 (HTTP 409) with both sets in data. A day closed already: "
                    + "801 with the stored result; a close running: this one waits for it and answers 801; an "
                    + "interrupted close (903) is resumed. data = the day (status 904 or 905).")
    @BusinessCodes({400, 403, 404, 801, 905})
    ResponseEntity<Envelope<DayEndView>> close(
            @AuthenticationPrincipal Caller caller, @RequestBody(required = false) CloseRequest request) {
        if (request == null) {
            throw new BusinessException(BusinessCode.INVALID_REQUEST, "error.body");
        }
        Long shopId = request.shopId() != null ? request.shopId() : caller.shopId();
        if (shopId == null) {
            throw BusinessException.invalid("shopId", "error.required");
        }
        LocalDate day = DayEnds.date(request.businessDate(), "businessDate");
        DayEnds.Closed closed = dayEnds.close(
                caller.tenantId(), caller.shopId(), shopId, day, request.expected(), tenants.actor(caller, null));
        if (closed.before()) {
            return ResponseEntity.ok(envelope(BusinessCode.DUPLICATE_SERIAL, closed.day()));
        }
        if (closed.day().status() == BusinessCode.DAY_END_AMOUNTS_CHANGED.code()) {
            return ResponseEntity.status(BusinessCode.DAY_END_AMOUNTS_CHANGED.httpStatus())
                    .body(envelope(BusinessCode.DAY_END_AMOUNTS_CHANGED, closed.day()));
        }
        return ResponseEntity.ok(Envelope.ok(closed.day()));
    }

    @GetMapping
    @Operation(
            summary = "日结状态 — a shop's business day",
            description = "The envelope's status is the day's: 901 not closed, 902 a close is running, 903 a close "
                    + "was interrupted (POST again to resume it), 904 closed, 905 closed with the till's totals "
                    + "differing; HTTP 200 for each. data = the day with its totals once closed. An unknown "
                    + "shop or another tenant's: 404; a date after the tenant's today: 400.")
    @BusinessCodes({400, 404, 901, 902, 903, 904, 905})
    Envelope<DayEndView> day(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) Long shopId,
            @RequestParam(required = false) String businessDate) {
        long shop = requireShopId(caller, shopId);
        DayEndView view = dayEnds.day(caller.tenantId(), shop, DayEnds.date(businessDate, "businessDate"));
        return new Envelope<>(view.status(), message(view.status()), view);
    }

    @GetMapping("/days")
    @Operation(
            summary = "日结记录 — a shop's closes",
            description = "The shop's days with a close (running, interrupted or done) from `startDate` to "
                    + "`endDate` (yyyy-MM-dd, inclusive, at most 366 days; default the 31 days to today), newest "
                    + "first, paged. Each day as in GET /day-end.")
    @BusinessCodes({400, 404})
    Page<DayEndView> days(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) Long shopId,
            @RequestParam(required = false) String startDate,
            @RequestParam(required = false) String endDate,
            @RequestParam(required = false) Integer pageIndex,
            @RequestParam(required = false) Integer pageSize) {
        Paging paging = Paging.of(pageIndex, pageSize);
        long shop = requireShopId(caller, shopId);
        LocalDate to = endDate == null ? dayEnds.today(caller.tenantId()) : DayEnds.date(endDate, "endDate");
        LocalDate from = startDate == null ? to.minusDays(30) : DayEnds.date(startDate, "startDate");
        return dayEnds.list(caller.tenantId(), shop, from, to, paging);
    }

    private static final String SCHEDULE = "The tenant's automatic day-end: `closeHour` 0–23 in the tenant's time "
            + "zone, null for none (the default). At that hour every shop's day is closed as a cashier would close "
            + "it (no operator named): an hour from 12 on closes that day, an hour before 12 the day before (for "
            + "shops open past midnight); a service down at the hour closes it at its next minute.";

    @GetMapping("/schedule")
    @Operation(summary = "自动日结 — the automatic day-end", description = SCHEDULE)
    DayEndSchedule.Setting schedule(@AuthenticationPrincipal Caller caller) {
        return schedule.get(caller.tenantId());
    }

    @PutMapping("/schedule")
    @Operation(
            summary = "设置自动日结 — set the automatic day-end",
            description = SCHEDULE + " Tenant administrators. data = the setting.")
    @BusinessCodes({400})
    Envelope<DayEndSchedule.Setting> setSchedule(
            @AuthenticationPrincipal Caller caller, @RequestBody(required = false) DayEndSchedule.Setting request) {
        if (request == null) {
            throw new BusinessException(BusinessCode.INVALID_REQUEST, "error.body");
        }
        return Envelope.ok(schedule.set(caller.tenantId(), request.closeHour()));
    }

    private static long requireShopId(Caller caller, Long shopId) {
        Long shop = shopId != null ? shopId : caller.shopId();
        if (shop == null) {
            throw BusinessException.invalid("shopId", "error.required");
        }
        return shop;
    }

    private Envelope<DayEndView> envelope(BusinessCode code, DayEndView day) {
        return new Envelope<>(code.code(), message(code.code()), day);
    }

    private String message(int code) {
        return messages.getMessage("code." + code, null, LocaleContextHolder.getLocale());
    }
}
