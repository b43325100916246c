package com.membercard.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.support.Api;
import com.membercard.support.Fixtures;
import com.membercard.support.IntegrationTest;
import com.membercard.support.TestClock;
import com.membercard.support.TillFixture;
import com.membercard.support.TillFixture.TestCard;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Reports and the stored-value liability through HTTP, JSON and .xlsx. */
@IntegrationTest
class ReportsTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    Fixtures fixtures;

    @Autowired
    TestClock clock;

    @LocalServerPort
    int port;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(SHANGHAI));
    }

    /** Two shops, cards at each, recharges, payments, refunds of both kinds: what finance would see. */
    private record Workload(TillFixture till, long secondShop, Api secondTill, List<TestCard> cards) {}

    private Workload mixedWorkload() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 10, 0);
        Api admin = till.tenant.admin();
        long secondShop = Fixtures.createdId(admin.post("/api/v1/shops", Map.of("name", Fixtures.unique("二店"))));
        Api secondTill = fixtures.anonymous().as(Fixtures.apiKey(admin, "CASHIER", secondShop));
        List<TestCard> cards = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            cards.add(till.card("200.00", "40.00"));
        }
        for (int i = 0; i < 2; i++) {
            Map<String, Object> body = Fixtures.member(
                    new Fixtures.Catalogue(till.levelId, till.classId, 0, 0), "memberTagIds", List.of());
            Fixtures.createdId(secondTill.post("/api/v1/members", body));
            TestCard card = new TestCard((String) body.get("cardCode"), (String) body.get("cardMac"), 0);
            assertThat(Fixtures.recharge(secondTill, card.code(), card.mac(), "300.00", "30.00")
                            .status())
                    .isEqualTo(200);
            cards.add(card);
        }
        assertThat(till.pay(cards.get(0), "55.50", "P-1").status()).isEqualTo(200);
        assertThat(till.pay(cards.get(1), "120.00", "P-2").status()).isEqualTo(200);
        assertThat(till.refund(cards.get(1), "20.00", "P-2", "RF-1").status()).isEqualTo(200);
        assertThat(secondTill
                        .post(
                                "/api/v1/card-payments",
                                Map.of(
                                        "cardCode",
                                        cards.get(3).code(),
                                        "mac",
                                        cards.get(3).mac(),
                                        "money",
                                        "99.99",
                                        "code",
                                        "P-3"))
                        .status())
                .isEqualTo(200);
        Api.Response recharge = till.recharge(cards.get(2), "100.00", "0");
        String rechargeCode = recharge.data().path("rechargeCode").asString();
        assertThat(till.refundRecharge(cards.get(2), rechargeCode, Fixtures.unique("RR"), "退充值")
                        .status())
                .isEqualTo(200);
        return new Workload(till, secondShop, secondTill, cards);
    }

    private Map<Long, BigDecimal[]> cardBalances(long tenantId) {
        Map<Long, BigDecimal[]> byShop = new HashMap<>();
        fixtures.nodeOf(tenantId).sql("""
                        select shop_id, sum(actual_balance) as real, sum(give_balance) as gift,
                               sum(actual_points) as points
                        from card where tenant_id = :t group by shop_id
                        """).param("t", tenantId).query(rs -> {
            byShop.put(
                    rs.getLong("shop_id"),
                    new BigDecimal[] {rs.getBigDecimal("real"), rs.getBigDecimal("gift"), rs.getBigDecimal("points")});
        });
        return byShop;
    }

    @Test
    void theLiabilityAtTheEndOfTheDayEqualsTheCardsBalancesPerShopAndInTotal() {
        Workload work = mixedWorkload();
        Map<Long, BigDecimal[]> cards = cardBalances(work.till.tenant.id());
        assertThat(cards).hasSize(2);

        Api.Response answer = work.till.tenant.auditor().get("/api/v1/reports/liability?businessDate=" + today());

        assertThat(answer.http()).as("%s", answer).isEqualTo(200);
        JsonNode shops = answer.body().path("shops");
        assertThat(shops).hasSize(2);
        BigDecimal real = BigDecimal.ZERO;
        BigDecimal gift = BigDecimal.ZERO;
        for (JsonNode shop : shops) {
            BigDecimal[] held = cards.get(shop.path("shopId").asLong());
            assertThat(shop.path("real").decimalValue()).isEqualByComparingTo(held[0]);
            assertThat(shop.path("gift").decimalValue()).isEqualByComparingTo(held[1]);
            assertThat(shop.path("points").asLong()).isEqualTo(held[2].longValue());
            real = real.add(held[0]);
            gift = gift.add(held[1]);
        }
        assertThat(answer.body().path("total").path("real").decimalValue()).isEqualByComparingTo(real);
        assertThat(answer.body().path("total").path("gift").decimalValue()).isEqualByComparingTo(gift);
        assertThat(answer.body().path("total").path("balance").decimalValue()).isEqualByComparingTo(real.add(gift));
        assertThat(answer.body().path("shops").get(0).path("shopName").asString())
                .isNotBlank();

        Api.Response before =
                work.till.tenant.admin().get("/api/v1/reports/liability?businessDate=" + today().minusDays(1));
        assertThat(before.body().path("total").path("balance").decimalValue())
                .as("nothing was held the day before")
                .isEqualByComparingTo("0");
    }

    @Test
    void reportsTotalTheBillsByDayShopOperatorAndPaymentType() {
        Workload work = mixedWorkload();
        Api auditor = work.till.tenant.auditor();
        String range = "startDate=" + today().minusDays(30) + "&endDate=" + today();

        JsonNode recharges = auditor.get("/api/v1/reports/recharges?" + range).body();
        assertThat(recharges.path("groupBy").asString()).isEqualTo("day");
        assertThat(recharges.path("lines")).hasSize(1);
        assertThat(recharges.path("totals").path("bills").asLong()).isEqualTo(6);
        assertThat(recharges.path("totals").path("real").decimalValue()).isEqualByComparingTo("1300.00");
        assertThat(recharges.path("totals").path("gift").decimalValue()).isEqualByComparingTo("180.00");

        JsonNode byType = auditor.get("/api/v1/reports/recharges?groupBy=paymentType&" + range)
                .body();
        assertThat(byType.path("lines").get(0).path("key").asString()).isEqualTo("1");
        assertThat(byType.path("lines").get(0).path("name").asString()).isNotBlank();
        assertThat(byType.path("totals").path("amount").decimalValue()).isEqualByComparingTo("1300.00");

        JsonNode byShop = auditor.get("/api/v1/reports/card-payments?groupBy=shop&" + range)
                .body();
        assertThat(byShop.path("lines")).hasSize(2);
        assertThat(byShop.path("totals").path("amount").decimalValue()).isEqualByComparingTo("275.49");
        assertThat(byShop.path("totals")
                        .path("real")
                        .decimalValue()
                        .add(byShop.path("totals").path("gift").decimalValue()))
                .isEqualByComparingTo("-275.49");
        JsonNode oneShop = auditor.get("/api/v1/reports/card-payments?shopId=" + work.secondShop + "&" + range)
                .body();
        assertThat(oneShop.path("totals").path("amount").decimalValue()).isEqualByComparingTo("99.99");

        JsonNode refunds =
                auditor.get("/api/v1/reports/refunds?groupBy=kind&" + range).body();
        assertThat(refunds.path("lines")).hasSize(2);
        assertThat(refunds.path("lines").get(0).path("name").asString()).isEqualTo("消费退款");
        JsonNode refundTypes = auditor.get("/api/v1/reports/refunds?groupBy=paymentType&" + range)
                .body();
        assertThat(refundTypes.path("totals").path("amount").decimalValue()).isEqualByComparingTo("100.00");

        JsonNode points =
                auditor.get("/api/v1/reports/points?groupBy=operator&" + range).body();
        // earned net of what refunds took back, as the card's totalPoints counts them: the refund of
        // 20.00 of 120.00 takes back floor(120/10) - floor(100/10) = 2
        assertThat(points.path("totals").path("pointsEarned").asLong()).isEqualTo(5 + 12 + 9 - 2);
        assertThat(auditor.get("/api/v1/reports/gift-redemptions?" + range)
                        .body()
                        .path("totals")
                        .path("bills")
                        .asLong())
                .isZero();
    }

    @Test
    void newMembersAndCardsAreCountedByDayAndIssuingShop() {
        Workload work = mixedWorkload();
        Api admin = work.till.tenant.admin();

        JsonNode byShop = admin.get("/api/v1/reports/new-members?groupBy=shop").body();

        assertThat(byShop.path("totals").path("cards").asLong()).isEqualTo(5);
        assertThat(byShop.path("totals").path("members").asLong()).isEqualTo(5);
        Map<Long, Long> cards = new HashMap<>();
        byShop.path("lines")
                .forEach(line ->
                        cards.put(line.path("key").asLong(), line.path("cards").asLong()));
        assertThat(cards).containsEntry(work.till.tenant.shopId(), 3L).containsEntry(work.secondShop, 2L);
        JsonNode byDay = admin.get("/api/v1/reports/new-members?startDate=" + today().minusDays(3))
                .body();
        assertThat(byDay.path("lines")).hasSize(1);
        assertThat(byDay.path("lines").get(0).path("key").asString()).isEqualTo(today().toString());
        assertThat(admin.get("/api/v1/reports/new-members?startDate=" + today().minusDays(3) + "&endDate="
                                + today().minusDays(1))
                        .body()
                        .path("totals")
                        .path("cards")
                        .asLong())
                .isZero();
        assertThat(admin.get("/api/v1/reports/new-members?groupBy=operator").status())
                .isEqualTo(400);
    }

    @Test
    void anXlsxReportHasChineseHeadersItsLinesAndATotalsRow() throws Exception {
        Workload work = mixedWorkload();
        String path = "/api/v1/reports/card-payments/xlsx?groupBy=shop&startDate=" + today() + "&endDate=" + today();

        HttpResponse<byte[]> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .header(
                                        "Authorization",
                                        "Bearer " + work.till.tenant.auditor().credential())
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).contains("spreadsheetml");
        assertThat(answer.headers().firstValue("Content-Disposition").orElseThrow())
                .contains("attachment");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(answer.body()))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("门店");
            assertThat(sheet.getRow(0).getCell(3).getStringCellValue()).isEqualTo("金额");
            assertThat(sheet.getLastRowNum()).isEqualTo(3);
            Row totals = sheet.getRow(3);
            assertThat(totals.getCell(1).getStringCellValue()).isEqualTo("合计");
            assertThat(BigDecimal.valueOf(totals.getCell(3).getNumericCellValue()))
                    .isEqualByComparingTo("275.49");
            assertThat((long) totals.getCell(2).getNumericCellValue()).isEqualTo(3);
        }
        HttpResponse<byte[]> liability = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + port + "/api/v1/reports/liability/xlsx"))
                                .header(
                                        "Authorization",
                                        "Bearer " + work.till.tenant.admin().credential())
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(liability.body()))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(2).getStringCellValue()).isEqualTo("实际余额");
            assertThat(sheet.getRow(sheet.getLastRowNum()).getCell(1).getStringCellValue())
                    .isEqualTo("合计");
        }
    }

    @Test
    void theBillListShowsEveryBillWithWhatItMovedAsJsonAndAsAStreamedXlsx() throws Exception {
        Workload work = mixedWorkload();
        long tenantId = work.till.tenant.id();
        Map<String, Object> ledger =
                fixtures.nodeOf(tenantId).sql("""
                        select count(*) as bills, sum(b.amount) as amount,
                               (select sum(e.real_delta) from ledger_entry e where e.tenant_id = :t) as real
                        from bill b where b.tenant_id = :t
                        """).param("t", tenantId).query().singleRow();
        long bills = ((Number) ledger.get("bills")).longValue();
        Api auditor = work.till.tenant.auditor();

        Api.Response page = auditor.get("/api/v1/reports/bills?pageSize=2&pageIndex=2");
        assertThat(page.http()).isEqualTo(200);
        assertThat(page.body().path("totalCount").asLong()).isEqualTo(bills).isGreaterThan(5);
        assertThat(page.body().path("data")).hasSize(2);
        JsonNode bill = page.body().path("data").get(0);
        assertThat(bill.path("billNo").asString()).isNotBlank();
        assertThat(bill.path("kindName").asString()).isNotBlank();
        assertThat(bill.path("shopName").asString()).isNotBlank();
        assertThat(bill.path("cardCode").asString()).isNotBlank();
        JsonNode secondShop = auditor.get("/api/v1/reports/bills?pageSize=50&shopId=" + work.secondShop)
                .body();
        // the second shop's till: two cards' recharges and one card payment
        assertThat(secondShop.path("totalCount").asLong()).isEqualTo(3);
        List<String> kinds = new ArrayList<>();
        secondShop.path("data").forEach(line -> kinds.add(line.path("kind").asString()));
        assertThat(kinds).containsExactlyInAnyOrder("RECHARGE", "RECHARGE", "CARD_PAYMENT");

        HttpResponse<byte[]> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/reports/bills/xlsx"))
                                .header("Authorization", "Bearer " + auditor.credential())
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).contains("spreadsheetml");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(answer.body()))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("单号");
            assertThat(sheet.getLastRowNum())
                    .as("a row per bill between header and totals")
                    .isEqualTo(bills + 1);
            Row totals = sheet.getRow(sheet.getLastRowNum());
            assertThat(totals.getCell(0).getStringCellValue()).isEqualTo("合计");
            assertThat(totals.getCell(1).getStringCellValue()).isEqualTo(bills + " 笔");
            assertThat(BigDecimal.valueOf(totals.getCell(7).getNumericCellValue()))
                    .isEqualByComparingTo((BigDecimal) ledger.get("amount"));
            assertThat(BigDecimal.valueOf(totals.getCell(9).getNumericCellValue()))
                    .isEqualByComparingTo((BigDecimal) ledger.get("real"));
        }
    }

    @Test
    void aReportOfClosedDaysFromTheirKeptTotalsEqualsTheSameReportFromTheirBills() {
        Workload work = mixedWorkload();
        Api auditor = work.till.tenant.auditor();
        Api admin = work.till.tenant.admin();
        String range = "&startDate=" + today().minusDays(30) + "&endDate=" + today();
        List<String> reports = List.of(
                "recharges?groupBy=day",
                "recharges?groupBy=shop",
                "recharges?groupBy=operator",
                "recharges?groupBy=plan",
                "recharges?groupBy=kind",
                "card-payments?groupBy=shop",
                "card-payments?groupBy=operator",
                "refunds?groupBy=kind",
                "points?groupBy=day",
                "points?groupBy=operator",
                "gift-redemptions?groupBy=shop",
                "card-payments?groupBy=day&shopId=" + work.secondShop);
        Map<String, JsonNode> fromBills = new HashMap<>();
        reports.forEach(report -> fromBills.put(
                report, auditor.get("/api/v1/reports/" + report + range).body()));
        long secondShopBills = fromBills
                .get("card-payments?groupBy=day&shopId=" + work.secondShop)
                .path("totals")
                .path("bills")
                .asLong();
        assertThat(secondShopBills).isEqualTo(1);

        // the second shop's day closes: its day is kept, the first shop's stays open (a report mixes both)
        assertThat(admin.post("/api/v1/day-end", Map.of("shopId", work.secondShop, "businessDate", today().toString()))
                        .status())
                .isEqualTo(200);
        assertThat(fixtures.jdbc()
                        .sql("select count(*) from bill_day_total where tenant_id = :t and shop_id = :s")
                        .param("t", work.till.tenant.id())
                        .param("s", work.secondShop)
                        .query(Long.class)
                        .single())
                .as("the closed day's totals are kept")
                .isPositive();
        reports.forEach(report -> assertThat(
                        auditor.get("/api/v1/reports/" + report + range).body())
                .as(report + " with one shop's day closed")
                .isEqualTo(fromBills.get(report)));

        assertThat(admin.post(
                                "/api/v1/day-end",
                                Map.of("shopId", work.till.tenant.shopId(), "businessDate", today().toString()))
                        .status())
                .isEqualTo(200);
        reports.forEach(report -> assertThat(
                        auditor.get("/api/v1/reports/" + report + range).body())
                .as(report + " with every day closed")
                .isEqualTo(fromBills.get(report)));
    }

    @Test
    void theDayEndHistoryListsEveryShopsClosesWithTheirFigures() {
        Workload work = mixedWorkload();
        Api admin = work.till.tenant.admin();
        for (long shop : List.of(work.till.tenant.shopId(), work.secondShop)) {
            assertThat(admin.post("/api/v1/day-end", Map.of("shopId", shop, "businessDate", today().toString()))
                            .status())
                    .isEqualTo(200);
        }

        JsonNode history =
                work.till.tenant.auditor().get("/api/v1/reports/day-ends").body();

        assertThat(history.path("days")).hasSize(2);
        assertThat(history.path("days").get(0).path("status").asInt()).isEqualTo(904);
        assertThat(history.path("totals").path("recharged").decimalValue()).isEqualByComparingTo("1300.00");
        assertThat(history.path("totals").path("paid").decimalValue()).isEqualByComparingTo("275.49");
        assertThat(history.path("totals").path("refunded").decimalValue()).isEqualByComparingTo("120.00");
        assertThat(history.path("totals").path("bills").asLong())
                .isEqualTo(admin.get("/api/v1/reports/recharges")
                                .body()
                                .path("totals")
                                .path("bills")
                                .asLong()
                        + 3
                        + 2);
    }

    @Test
    void badInputIsRefusedWithItsCode() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        TillFixture other = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        Api admin = till.tenant.admin();

        Api.Response tooLong =
                admin.get("/api/v1/reports/recharges?startDate=" + today().minusDays(366) + "&endDate=" + today());
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.data().path("field").asString()).isEqualTo("endDate");
        assertThat(admin.get("/api/v1/reports/recharges?startDate=" + today().minusDays(365) + "&endDate=" + today())
                        .http())
                .isEqualTo(200);
        Api.Response future = admin.get("/api/v1/reports/recharges?endDate=" + today().plusDays(1));
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.data().path("field").asString()).isEqualTo("endDate");
        assertThat(admin.get("/api/v1/reports/liability?businessDate=" + today().plusDays(1))
                        .status())
                .isEqualTo(400);
        assertThat(admin.get("/api/v1/reports/recharges?shopId=" + other.tenant.shopId())
                        .status())
                .as("another tenant's shop")
                .isEqualTo(404);
        assertThat(admin.get("/api/v1/reports/salaries").status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/reports/card-payments?groupBy=paymentType")
                        .data()
                        .path("field")
                        .asString())
                .isEqualTo("groupBy");
        assertThat(admin.get("/api/v1/reports/recharges?startDate=2026-02-30").status())
                .isEqualTo(400);
        assertThat(till.till().get("/api/v1/reports/recharges").status())
                .as("a cashier reads no reports")
                .isEqualTo(403);
        assertThat(admin.get("/api/v1/reports/bills?shopId=" + other.tenant.shopId())
                        .status())
                .as("another tenant's shop: no bill list")
                .isEqualTo(404);
        assertThat(admin.get("/api/v1/reports/bills/xlsx?shopId=" + other.tenant.shopId())
                        .status())
                .isEqualTo(404);
        Api.Response billsTooLong =
                admin.get("/api/v1/reports/bills/xlsx?startDate=" + today().minusDays(366) + "&endDate=" + today());
        assertThat(billsTooLong.status()).isEqualTo(400);
        assertThat(billsTooLong.data().path("field").asString()).isEqualTo("endDate");
        assertThat(admin.get("/api/v1/reports/bills?pageSize=501")
                        .data()
                        .path("field")
                        .asString())
                .isEqualTo("pageSize");
        assertThat(admin.get("/api/v1/reports/recharges/xlsx?endDate=" + today().plusDays(1))
                        .status())
                .as("an .xlsx refused answers the JSON envelope")
                .isEqualTo(400);
    }
}
