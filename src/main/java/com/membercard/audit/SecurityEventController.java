package com.membercard.audit;

import com.membercard.shared.BusinessException;
import com.membercard.shared.Page;
import com.membercard.shared.Paging;
import com.membercard.shared.security.SecurityEvent;
import com.membercard.shared.web.BusinessCodes;
import com.membercard.shared.web.DateTimeJson;
import com.membercard.tenancy.Caller;
import com.membercard.tenancy.TenantDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/security-events")
@Tag(name = "Security events (安全日志)")
class SecurityEventController {

    private final JdbcSecurityEvents events;
    private final TenantDirectory tenants;
    private final ApplicationEventPublisher publisher;

    SecurityEventController(JdbcSecurityEvents events, TenantDirectory tenants, ApplicationEventPublisher publisher) {
        this.events = events;
        this.tenants = tenants;
        this.publisher = publisher;
    }

    @GetMapping
    @Operation(
            summary = "安全日志 — the security event log",
            description = "Sign-ins and their failures, locks (610), key, role and password changes, exports, "
                    + "imports, migrations and the platform's reads of a tenant, newest first. A tenant "
                    + "administrator reads their tenant's events (`tenantId` is not honoured); the platform "
                    + "administrator the platform's, or with `tenantId` a tenant's (404 if unknown), which is "
                    + "itself recorded in that tenant's log as a CROSS_TENANT_READ. `kind` one of the kinds; "
                    + "`startTime` and `endTime` (yyyy-MM-dd HH:mm:ss, or yyyy-MM-dd for a whole day) both "
                    + "inclusive, in the tenant's time zone. `sumData` is null. The log is insert-only.")
    @BusinessCodes({400, 404})
    Page<SecurityEventView> list(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String startTime,
            @RequestParam(required = false) String endTime,
            @RequestParam(required = false) Integer pageIndex,
            @RequestParam(required = false) Integer pageSize,
            @RequestParam(required = false) Long tenantId) {
        Paging paging = Paging.of(pageIndex, pageSize);
        Long tenant = caller.isPlatformAdmin() ? tenantId : Long.valueOf(caller.tenantId());
        ZoneId zone = tenant == null ? TenantDirectory.DEFAULT_ZONE : zoneOf(tenant);
        OffsetDateTime from = at(startTime, "startTime", zone, false);
        OffsetDateTime before = at(endTime, "endTime", zone, true);
        if (from != null && before != null && !from.isBefore(before)) {
            throw BusinessException.invalid("endTime", "error.endBeforeStart");
        }
        JdbcSecurityEvents.EventFilter filter = new JdbcSecurityEvents.EventFilter(kind(kind), from, before);
        if (caller.isPlatformAdmin() && tenant != null) {
            publisher.publishEvent(new SecurityEvent(
                    tenant,
                    SecurityEvent.Kind.CROSS_TENANT_READ,
                    caller.operatorId(),
                    caller.apiKeyId(),
                    "security events",
                    null,
                    "GET /api/v1/security-events"));
        }
        List<SecurityEventView> rows = events.page(tenant, filter, paging.pageSize(), paging.offset()).stream()
                .map(row -> new SecurityEventView(
                        row.id(),
                        row.createdAt().atZoneSameInstant(zone).toLocalDateTime(),
                        row.kind(),
                        row.tenantId(),
                        row.operatorId(),
                        row.apiKeyId(),
                        row.subject(),
                        row.clientAddress(),
                        row.detail(),
                        row.rolledBack()))
                .toList();
        return new Page<>(rows, paging.pageIndex(), paging.pageSize(), events.count(tenant, filter), null);
    }

    private ZoneId zoneOf(long tenantId) {
        tenants.requireExists(tenantId);
        return tenants.zoneOf(tenantId);
    }

    private static SecurityEvent.Kind kind(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return SecurityEvent.Kind.valueOf(text.strip());
        } catch (IllegalArgumentException e) {
            throw BusinessException.invalid("kind", "error.type");
        }
    }

    /**
     * A time filter in {@code zone}; an end is inclusive, so it answers the instant after it: the next
     * day for a bare date, the next second for a time.
     */
    private static OffsetDateTime at(String text, String field, ZoneId zone, boolean end) {
        if (text == null || text.isBlank()) {
            return null;
        }
        LocalDateTime time;
        try {
            time = DateTimeJson.parse(text);
        } catch (DateTimeParseException e) {
            throw BusinessException.invalid(field, "error.type");
        }
        if (end) {
            time = text.strip().length() == 10 ? time.plusDays(1) : time.plusSeconds(1);
        }
        return time.atZone(zone).toOffsetDateTime();
    }
}
