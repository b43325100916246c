package com.membercard.settlement;

import com.membercard.shared.BusinessException;
import com.membercard.tenancy.Actor;
import com.membercard.tenancy.Shop;
import com.membercard.tenancy.ShopManagement;
import com.membercard.tenancy.TenantDirectory;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The automatic day-end: a tenant may set an hour (0–23, its own time zone) at which every shop's
 * business day is closed as a cashier would close it, on the service's clock. An hour from 12 on
 * closes that same day (22 closes today at 22:00); an hour before 12 closes the day before (3
 * closes yesterday at 03:00, for shops open past midnight). The job runs every minute
 * ({@code membercard.day-end-auto-interval}); a run after the hour closes what is still open, so a
 * service that was down at the hour catches up at its next run (the latest due day only: an older
 * day left open is for a person to close). Several instances may run it at once: a close of a day
 * already closed changes nothing (see {@link DayEnds}). An automatic close names no operator or key.
 */
@Component
class DayEndSchedule {

    private static final Logger log = LoggerFactory.getLogger(DayEndSchedule.class);

    record Setting(Integer closeHour) {}

    private final JdbcClient jdbc;
    private final DayEnds dayEnds;
    private final ShopManagement shops;
    private final TenantDirectory tenants;
    private final Clock clock;

    DayEndSchedule(JdbcClient jdbc, DayEnds dayEnds, ShopManagement shops, TenantDirectory tenants, Clock clock) {
        this.jdbc = jdbc;
        this.dayEnds = dayEnds;
        this.shops = shops;
        this.tenants = tenants;
        this.clock = clock;
    }

    Setting get(long tenantId) {
        return new Setting(jdbc.sql("select close_hour from day_end_schedule where tenant_id = :tenantId")
                .param("tenantId", tenantId)
                .query(Integer.class)
                .optional()
                .orElse(null));
    }

    Setting set(long tenantId, Integer closeHour) {
        if (closeHour == null) {
            jdbc.sql("delete from day_end_schedule where tenant_id = :tenantId")
                    .param("tenantId", tenantId)
                    .update();
        } else {
            if (closeHour < 0 || closeHour > 23) {
                throw BusinessException.invalid("closeHour", "error.range", 0, 23);
            }
            jdbc.sql("""
                            insert into day_end_schedule (tenant_id, close_hour) values (:tenantId, :hour)
                            on conflict (tenant_id) do update set close_hour = excluded.close_hour, updated_at = now()
                            """).param("tenantId", tenantId).param("hour", closeHour).update();
        }
        return get(tenantId);
    }

    /**
     * The latest day whose close at {@code hour} is due by {@code now}: from 12 on a day closes that
     * evening, before 12 the next morning. Before today's hour, that is the previous one (caught up
     * here if the service was down when it came).
     */
    static LocalDate dueDay(ZonedDateTime now, int hour) {
        LocalDate latest = hour >= 12 ? now.toLocalDate() : now.toLocalDate().minusDays(1);
        return now.getHour() >= hour ? latest : latest.minusDays(1);
    }

    /** Closes every shop's due day of every tenant with a schedule; answers how many it closed. */
    @Scheduled(fixedDelayString = "${membercard.day-end-auto-interval:1m}")
    int run() {
        record Due(long tenantId, int hour) {}
        // every tenant at once: the job works for the platform, each close then within its tenant
        List<Due> schedules = jdbc.sql("select tenant_id, close_hour from day_end_schedule")
                .query((rs, n) -> new Due(rs.getLong("tenant_id"), rs.getInt("close_hour")))
                .list();
        int closed = 0;
        for (Due due : schedules) {
            ZonedDateTime now = ZonedDateTime.now(clock.withZone(tenants.zoneOf(due.tenantId())));
            LocalDate day = dueDay(now, due.hour());
            for (Shop shop : shops.list(due.tenantId())) {
                try {
                    int status = dayEnds.day(due.tenantId(), shop.id(), day).status();
                    if (status == 904 || status == 905) {
                        continue;
                    }
                    if (!dayEnds.close(due.tenantId(), null, shop.id(), day, null, Actor.SYSTEM)
                            .before()) {
                        closed++;
                    }
                } catch (RuntimeException e) {
                    // one shop's failure stops no other; the next run tries again
                    log.warn("Automatic day-end of tenant {} shop {} day {} failed", due.tenantId(), shop.id(), day, e);
                }
            }
        }
        if (closed > 0) {
            log.info("Automatic day-end closed {} shop days", closed);
        }
        return closed;
    }
}
