package com.membercard.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.support.Api;
import com.membercard.support.Fixtures;
import com.membercard.support.IntegrationTest;
import com.membercard.support.TestClock;
import com.membercard.support.TillFixture;
import com.membercard.support.TillFixture.TestCard;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The automatic day-end at a tenant's hour, on the service's clock. */
@IntegrationTest
class DayEndScheduleTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    Fixtures fixtures;

    @Autowired
    TestClock clock;

    @Autowired
    DayEndSchedule schedule;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private ZonedDateTime now() {
        return ZonedDateTime.now(clock.withZone(SHANGHAI));
    }

    @Test
    void theDueDayOfAnEveningHourIsThatDayOfAMorningHourTheDayBefore() {
        ZonedDateTime evening = ZonedDateTime.of(2026, 3, 10, 22, 30, 0, 0, SHANGHAI);
        assertThat(DayEndSchedule.dueDay(evening, 22)).isEqualTo(LocalDate.of(2026, 3, 10));
        assertThat(DayEndSchedule.dueDay(evening, 23)).isEqualTo(LocalDate.of(2026, 3, 9));
        ZonedDateTime night = ZonedDateTime.of(2026, 3, 11, 3, 0, 0, 0, SHANGHAI);
        assertThat(DayEndSchedule.dueDay(night, 3)).isEqualTo(LocalDate.of(2026, 3, 10));
        assertThat(DayEndSchedule.dueDay(night, 4)).isEqualTo(LocalDate.of(2026, 3, 9));
    }

    @Test
    void atTheTenantsHourEveryShopsDayIsClosedAndTheNextBillsFallOnTheNextDay() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        Api admin = till.tenant.admin();
        long secondShop = Fixtures.createdId(admin.post("/api/v1/shops", Map.of("name", Fixtures.unique("二店"))));
        // move to the next 21:30 in Shanghai; the close is set for 22:00
        ZonedDateTime now = now();
        ZonedDateTime target = now.withHour(21).withMinute(30);
        if (!target.isAfter(now)) {
            target = target.plusDays(1);
        }
        clock.advance(Duration.between(now, target).plusSeconds(1));
        LocalDate day = now().toLocalDate();
        TestCard card = till.card("100.00", "0");
        assertThat(till.pay(card, "10.00", "A-1").status()).isEqualTo(200);
        Api.Response set = admin.put("/api/v1/day-end/schedule", Map.of("closeHour", 22));
        assertThat(set.status()).as("%s", set).isEqualTo(200);
        assertThat(till.tenant
                        .auditor()
                        .get("/api/v1/day-end/schedule")
                        .body()
                        .path("closeHour")
                        .asInt())
                .isEqualTo(22);
        String path = "/api/v1/day-end?shopId=" + till.tenant.shopId() + "&businessDate=" + day;

        schedule.run();
        assertThat(admin.get(path).status())
                .as("before the hour, the day before is due")
                .isEqualTo(901);

        clock.advance(Duration.ofMinutes(31));
        schedule.run();

        Api.Response closed = admin.get(path);
        assertThat(closed.status()).isEqualTo(904);
        assertThat(closed.data().path("serverTotals").path("bills").asLong()).isEqualTo(2);
        assertThat(closed.data().has("operatorId")).as("closed by no one").isFalse();
        assertThat(admin.get("/api/v1/day-end?shopId=" + secondShop + "&businessDate=" + day)
                        .status())
                .isEqualTo(904);
        assertThat(till.pay(card, "1.00", "A-2").status()).isEqualTo(200);
        assertThat(fixtures.jdbc()
                        .sql("select business_date from bill where tenant_id = :t order by id desc limit 1")
                        .param("t", till.tenant.id())
                        .query(LocalDate.class)
                        .single())
                .isEqualTo(day.plusDays(1));

        Map<String, Object> off = new HashMap<>();
        off.put("closeHour", null);
        assertThat(admin.put("/api/v1/day-end/schedule", off).status()).isEqualTo(200);
        assertThat(admin.put("/api/v1/day-end/schedule", Map.of("closeHour", 24))
                        .status())
                .isEqualTo(400);
        assertThat(till.till()
                        .put("/api/v1/day-end/schedule", Map.of("closeHour", 3))
                        .status())
                .as("a cashier sets no schedule")
                .isEqualTo(403);
    }
}
