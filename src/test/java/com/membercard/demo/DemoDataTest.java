package com.membercard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.Application;
import com.membercard.support.Api;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * MEMBERCARD_DEMO=true on an empty database: three weeks of history on the shops' business days,
 * the README's walk-through as written, and a restart that adds nothing.
 */
@ExtendWith(OutputCaptureExtension.class)
class DemoDataTest {

    @TempDir
    Path dataDir;

    @Test
    void theDemoTenantHasThreeWeeksOfHistoryAnswersTheWalkThroughAndIsMadeOnce(CapturedOutput output) {
        String[] arguments = {
            "--server.port=0",
            "--membercard.data-dir=" + dataDir,
            "--membercard.database-fsync=false",
            "--membercard.demo=true"
        };
        long billsWritten;
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(Application.class).run(arguments)) {
            Api anonymous =
                    Api.at("http://localhost:" + service.getEnvironment().getProperty("local.server.port"));
            Api admin = signedIn(anonymous, output);
            LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
            String days = "startDate=" + today.minusDays(DemoHistory.DAYS - 1) + "&endDate=" + today;

            // every day of the three weeks has recharges, and card payments from the second day on (the
            // cards start empty), at both shops
            JsonNode recharges =
                    admin.get("/api/v1/reports/recharges?groupBy=day&" + days).body();
            JsonNode payments = admin.get("/api/v1/reports/card-payments?groupBy=day&" + days)
                    .body();
            assertThat(daysWithMoney(recharges)).as(recharges.toString()).isEqualTo(DemoHistory.DAYS);
            assertThat(daysWithMoney(payments)).as(payments.toString()).isGreaterThanOrEqualTo(DemoHistory.DAYS - 1);
            JsonNode byShop = admin.get("/api/v1/reports/card-payments?groupBy=shop&" + days)
                    .body();
            assertThat(byShop.path("lines")).hasSize(2);
            assertThat(admin.get("/api/v1/reports/refunds?" + days)
                            .body()
                            .path("totals")
                            .path("bills")
                            .asLong())
                    .isPositive();
            assertThat(admin.get("/api/v1/reports/gift-redemptions?" + days)
                            .body()
                            .path("totals")
                            .path("bills")
                            .asLong())
                    .isPositive();
            assertThat(admin.get("/api/v1/reports/points?" + days)
                            .body()
                            .path("totals")
                            .path("pointsEarned")
                            .asLong())
                    .isPositive();
            JsonNode byPlan =
                    admin.get("/api/v1/reports/recharges?groupBy=plan&" + days).body();
            assertThat(byPlan.path("lines").size())
                    .as("recharges with both plans and without")
                    .isEqualTo(3);

            // the past days are closed by day-end, today is open
            JsonNode closes = admin.get("/api/v1/reports/day-ends?" + days).body();
            assertThat(closes.path("days")).hasSize(2 * (DemoHistory.DAYS - 1));
            assertThat(closes.path("days").findValuesAsString("businessDate")).doesNotContain(today.toString());

            // the liability is what the cards hold, and the ledger reconciles
            BigDecimal liability = admin.get("/api/v1/reports/liability")
                    .body()
                    .path("total")
                    .path("balance")
                    .decimalValue();
            BigDecimal cards = admin.get("/api/v1/members?pageSize=1")
                    .body()
                    .path("sumData")
                    .path("balance")
                    .decimalValue();
            assertThat(liability).isPositive().isEqualByComparingTo(cards);
            assertThat(admin.get("/api/v1/ledger/reconciliation").body().path("differences"))
                    .isEmpty();
            billsWritten = admin.get("/api/v1/reports/bills?pageSize=1&" + days)
                    .body()
                    .path("totalCount")
                    .asLong();
            assertThat(billsWritten).isGreaterThan(DemoHistory.DAYS * 2L * DemoHistory.VISITS - 1);

            walkThrough(anonymous, output);
        }

        // a restart finds the tenant and writes nothing twice
        try (ConfigurableApplicationContext again = new SpringApplicationBuilder(Application.class).run(arguments)) {
            assertThat(output.getAll()).contains("Demo data skipped");
            Api admin = signedIn(
                    Api.at("http://localhost:" + again.getEnvironment().getProperty("local.server.port")), output);
            LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
            long bills = admin.get("/api/v1/reports/bills?pageSize=1&startDate=" + today.minusDays(DemoHistory.DAYS - 1)
                            + "&endDate=" + today)
                    .body()
                    .path("totalCount")
                    .asLong();
            assertThat(bills).isEqualTo(billsWritten);
        }
    }

    /** The README's walk-through as written, with the printed cashier key. */
    private static void walkThrough(Api anonymous, CapturedOutput output) {
        Matcher key = Pattern.compile("export MEMBERCARD_KEY=(mk_\\S+)").matcher(output.getAll());
        assertThat(key.find()).as("the key is printed for the walk-through").isTrue();
        Api pos = anonymous.as(key.group(1));

        JsonNode classes = pos.get("/api/v1/card-classes").body();
        JsonNode page = pos.get("/api/v1/members?pageSize=2").body();
        JsonNode found = pos.get("/api/v1/members/search?keyword=DEMO00004").body();
        JsonNode card = pos.get("/api/v1/cards?cardCode=DEMO000001&mac=demo-secret-000001")
                .body();
        Api.Response lost = pos.post(
                "/api/v1/cards/report-loss",
                Map.of("cardCode", "DEMO000002", "remark", "顾客挂失", "timestamp", "demo-0001"));
        Api.Response again = pos.post(
                "/api/v1/cards/report-loss",
                Map.of("cardCode", "DEMO000002", "remark", "顾客挂失", "timestamp", "demo-0001"));

        assertThat(classes.size()).isEqualTo(2);
        assertThat(page.path("totalCount").asLong()).isEqualTo(DemoData.MEMBERS);
        assertThat(found.size()).isEqualTo(10);
        assertThat(card.path("code").asString()).isEqualTo("DEMO000001");
        assertThat(lost.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(801);
    }

    /** The demo's administrator, signed in with the printed password. */
    private static Api signedIn(Api anonymous, CapturedOutput output) {
        Matcher password = Pattern.compile("demo-admin / (\\S+)").matcher(output.getAll());
        assertThat(password.find())
                .as("the administrator's password is printed")
                .isTrue();
        Api.Response login =
                anonymous.post("/api/v1/auth/login", Map.of("username", "demo-admin", "password", password.group(1)));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return anonymous.as(login.data().path("token").asString());
    }

    private static long daysWithMoney(JsonNode report) {
        List<JsonNode> lines = new ArrayList<>();
        report.path("lines").forEach(lines::add);
        return lines.stream()
                .filter(line -> line.path("amount").decimalValue().signum() > 0)
                .count();
    }
}
