package com.membercard.settlement;

import com.membercard.ledger.BillTotals;
import com.membercard.ledger.BillTotals.DayTotals;
import com.membercard.shared.BusinessCode;
import com.membercard.shared.BusinessException;
import com.membercard.shared.Money;
import com.membercard.shared.Page;
import com.membercard.shared.Paging;
import com.membercard.tenancy.Actor;
import com.membercard.tenancy.TenantDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Day-end (日结) of one shop's business day, in two transactions and a wait between them:
 *
 * <ol>
 *   <li>the day's row is inserted as running (902) and the shop's {@code closed_through} moved on to
 *       the day, and both committed: a GET sees the close, and every bill of the shop whose
 *       transaction begins from here falls on a later day ({@code JdbcLedger} reads
 *       {@code closed_through} in the statement that writes the bill, with no lock);
 *   <li>the close locks that row (a second close of the same day waits here, then finds it done and
 *       answers 801), waits until every transaction that began before this one has ended (the bills
 *       that read the old {@code closed_through} have committed or rolled back; {@link JdbcDayEnds}
 *       {@code awaitOlderTransactions}), then totals the day through the ledger's
 *       {@link BillTotals}, stores the totals and commits.
 * </ol>
 *
 * So a bill is in the closed day's totals or on a later day, never both, never neither, and a
 * payment never waits for a close (it only reads its shop's row): the wait is the close's, and
 * lasts as long as the longest payment already under way (milliseconds). A crash after step 1 leaves a 902 row that no close holds:
 * shown as 903 (interrupted), and the next POST resumes it (step 1 again changes nothing). A close
 * that cannot finish its wait within {@code membercard.day-end-wait-limit} ({@code MEMBERCARD_DAY_END_WAIT_LIMIT}) (a transaction left open
 * elsewhere) answers 903 the same way. Nothing of the close is decided by the database's clock:
 * "today" is the tenant's date on the service's {@link Clock}.
 */
@Service
// public on purpose: the admin console's day-end page closes and reads days with these same methods
public class DayEnds {

    /** The longest date range of a list or report, in days (inclusive). */
    static final int MAX_RANGE_DAYS = 366;

    private final JdbcDayEnds days;
    private final BillTotals bills;
    private final TenantDirectory tenants;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final JsonMapper json;
    private final Duration waitLimit;

    DayEnds(
            JdbcDayEnds days,
            BillTotals bills,
            TenantDirectory tenants,
            TransactionTemplate transactions,
            Clock clock,
            JsonMapper json,
            @Value("${membercard.day-end-wait-limit:60s}") Duration waitLimit) {
        this.days = days;
        this.bills = bills;
        this.tenants = tenants;
        this.transactions = transactions;
        this.clock = clock;
        this.json = json;
        this.waitLimit = waitLimit;
    }

    /** What a close answered: the day, and whether it had been closed before (801). */
    public record Closed(DayEndView day, boolean before) {}

    /** The tenant's calendar day now, on the service's clock. */
    public LocalDate today(long tenantId) {
        return LocalDate.now(clock.withZone(tenants.zoneOf(tenantId)));
    }

    /**
     * Closes the day (or resumes an interrupted close); a day closed already answers its stored
     * result. {@code restrictedToShop}: a credential bound to a shop closes that shop only (403).
     */
    public Closed close(
            long tenantId, Long restrictedToShop, long shopId, LocalDate day, TillTotals till, Actor actor) {
        requireShop(tenantId, shopId);
        if (restrictedToShop != null && restrictedToShop != shopId) {
            throw new BusinessException(BusinessCode.FORBIDDEN);
        }
        requireNotFuture(tenantId, day, "businessDate");
        ZoneId zone = tenants.zoneOf(tenantId);
        var earlier = days.find(tenantId, shopId, day);
        if (earlier.isPresent() && earlier.get().status() == JdbcDayEnds.DONE) {
            return new Closed(view(earlier.get(), zone, false), true);
        }
        transactions.executeWithoutResult(status -> {
            days.begin(tenantId, shopId, day, actor);
            days.moveClosedThrough(tenantId, shopId, day);
        });
        return transactions.execute(status -> {
            days.markAsClose(tenantId, shopId);
            JdbcDayEnds.Row row = days.lock(tenantId, shopId, day).orElseThrow();
            if (row.status() == JdbcDayEnds.DONE) {
                return new Closed(view(row, zone, false), true);
            }
            if (!days.awaitOlderTransactions(tenantId, shopId, waitLimit)) {
                throw new BusinessException(BusinessCode.DAY_END_INTERRUPTED);
            }
            DayTotals totals = bills.closeDay(tenantId, shopId, day);
            days.finish(tenantId, shopId, day, totals, till, actor);
            return new Closed(view(days.find(tenantId, shopId, day).orElseThrow(), zone, false), false);
        });
    }

    /** A shop's day as it stands (901 when no close ever started). */
    public DayEndView day(long tenantId, long shopId, LocalDate day) {
        requireShop(tenantId, shopId);
        requireNotFuture(tenantId, day, "businessDate");
        ZoneId zone = tenants.zoneOf(tenantId);
        return days.find(tenantId, shopId, day)
                .map(row -> view(
                        row, zone, row.status() == JdbcDayEnds.RUNNING && days.heldByAClose(tenantId, shopId, day)))
                .orElseGet(() -> notClosed(shopId, day));
    }

    /** A shop's day that no close ever started (901). */
    public static DayEndView notClosed(long shopId, LocalDate day) {
        return new DayEndView(
                shopId, day.toString(), BusinessCode.DAY_NOT_CLOSED.code(), null, null, null, null, null, null);
    }

    /** A shop's closes between two dates, newest first. */
    public Page<DayEndView> list(long tenantId, long shopId, LocalDate from, LocalDate to, Paging paging) {
        requireShop(tenantId, shopId);
        requireRange(from, to);
        ZoneId zone = tenants.zoneOf(tenantId);
        List<DayEndView> rows = days.list(tenantId, shopId, from, to, paging.pageSize(), (int) paging.offset()).stream()
                .map(row -> view(
                        row,
                        zone,
                        row.status() == JdbcDayEnds.RUNNING && days.heldByAClose(tenantId, shopId, row.businessDate())))
                .toList();
        return new Page<>(rows, paging.pageIndex(), paging.pageSize(), days.count(tenantId, shopId, from, to), null);
    }

    /**
     * Every shop's closes (or one shop's) between two dates, oldest first: the day-end history, in
     * one statement (public for the console's day-end page, which shows every shop's month).
     */
    public List<DayEndView> history(long tenantId, Long shopId, LocalDate from, LocalDate to) {
        if (shopId != null) {
            requireShop(tenantId, shopId);
        }
        requireRange(from, to);
        ZoneId zone = tenants.zoneOf(tenantId);
        return days.history(tenantId, shopId, from, to).stream()
                .map(row -> view(
                        row,
                        zone,
                        row.status() == JdbcDayEnds.RUNNING
                                && days.heldByAClose(tenantId, row.shopId(), row.businessDate())))
                .toList();
    }

    static LocalDate date(String text, String field) {
        if (text == null || text.isBlank()) {
            throw BusinessException.invalid(field, "error.required");
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw BusinessException.invalid(field, "error.type");
        }
    }

    static void requireRange(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw BusinessException.invalid("endDate", "error.endBeforeStartDate");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_RANGE_DAYS) {
            throw BusinessException.invalid("endDate", "error.rangeTooLong", MAX_RANGE_DAYS);
        }
    }

    void requireNotFuture(long tenantId, LocalDate day, String field) {
        if (day.isAfter(today(tenantId))) {
            throw BusinessException.invalid(field, "error.future");
        }
    }

    private void requireShop(long tenantId, long shopId) {
        if (!days.shopExists(tenantId, shopId)) {
            throw BusinessException.notFound("entity.shop");
        }
    }

    private DayEndView view(JdbcDayEnds.Row row, ZoneId zone, boolean running) {
        DayTotals server = row.serverTotals() == null ? null : json.readValue(row.serverTotals(), DayTotals.class);
        TillTotals till = row.tillTotals() == null ? null : json.readValue(row.tillTotals(), TillTotals.class);
        int status;
        if (row.status() == JdbcDayEnds.DONE) {
            status = till != null && differ(server, till)
                    ? BusinessCode.DAY_END_AMOUNTS_CHANGED.code()
                    : BusinessCode.DAY_END_DONE.code();
        } else {
            status = running ? BusinessCode.DAY_END_RUNNING.code() : BusinessCode.DAY_END_INTERRUPTED.code();
        }
        return new DayEndView(
                row.shopId(),
                row.businessDate().toString(),
                status,
                server,
                till,
                JdbcDayEnds.time(row.startedAt(), zone),
                JdbcDayEnds.time(row.finishedAt(), zone),
                row.operatorId(),
                row.apiKeyId());
    }

    /** Whether the till's figures differ from the server's, in the lists the till sent. */
    static boolean differ(DayTotals server, TillTotals till) {
        if (till.byKind() != null) {
            Map<String, List<Object>> ours = new HashMap<>();
            server.byKind().forEach(k -> put(ours, k.kind(), k.count(), k.amount()));
            Map<String, List<Object>> theirs = new HashMap<>();
            till.byKind().forEach(k -> put(theirs, k.kind(), k.count(), k.amount()));
            if (!ours.equals(theirs)) {
                return true;
            }
        }
        if (till.byPaymentType() != null) {
            Map<String, List<Object>> ours = new HashMap<>();
            server.byPaymentType()
                    .forEach(t -> put(ours, String.valueOf(t.paymentType()), 0L, t.received(), t.paidBack()));
            Map<String, List<Object>> theirs = new HashMap<>();
            till.byPaymentType()
                    .forEach(t -> put(theirs, String.valueOf(t.paymentType()), 0L, t.received(), t.paidBack()));
            return !ours.equals(theirs);
        }
        return false;
    }

    /** Adds a line unless it is all zero; amounts compared by value (1.5 equals 1.50). */
    private static void put(Map<String, List<Object>> lines, String key, long count, Money... amounts) {
        List<Object> line = new java.util.ArrayList<>();
        line.add(count);
        boolean zero = count == 0;
        for (Money amount : amounts) {
            Money value = Objects.requireNonNullElse(amount, Money.ZERO);
            line.add(value.amount().stripTrailingZeros().toPlainString());
            zero &= value.isZero();
        }
        if (!zero) {
            lines.merge(key, line, (a, b) -> {
                throw BusinessException.invalid("expected", "error.duplicate");
            });
        }
    }
}
