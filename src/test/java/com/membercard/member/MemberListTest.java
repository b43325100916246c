package com.membercard.member;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.card.CardStatus;
import com.membercard.support.Api;
import com.membercard.support.Fixtures;
import com.membercard.support.Fixtures.Catalogue;
import com.membercard.support.Fixtures.TenantFixture;
import com.membercard.support.IntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** op02, op03, op04 and op07: lists, sums, filters and the till search. */
@IntegrationTest
class MemberListTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcMemberQueries queries;

    TenantFixture tenant;
    Catalogue catalogue;
    final Map<Long, String> secrets = new java.util.HashMap<>();

    @BeforeEach
    void freshTenant() {
        tenant = fixtures.tenant();
        catalogue = Fixtures.catalogue(tenant);
    }

    @Test
    void op02PagesNewestFirstAndCountsEveryMatchingMember() {
        List<Long> ids = create(5);

        JsonNode page = list("pageIndex=2&pageSize=2");

        assertThat(page.propertyNames())
                .containsExactlyInAnyOrder("data", "pageIndex", "pageSize", "totalCount", "sumData");
        assertThat(page.path("totalCount").asLong()).isEqualTo(5);
        assertThat(page.path("pageIndex").asInt()).isEqualTo(2);
        assertThat(ids(page)).containsExactly(ids.get(2), ids.get(1));
    }

    @Test
    void sumDataAddsUpEveryMatchingCardNotOnlyThePage() {
        List<Long> ids = create(3);
        recharge(ids.get(0), "10.00", "2.00");
        recharge(ids.get(1), "20.50", "0.00");

        JsonNode unfiltered = list("pageSize=1");
        queries.foldTotals();
        JsonNode afterFold = list("pageSize=1");
        JsonNode filtered = list("pageSize=1&memberLevel=" + catalogue.levelId());

        for (JsonNode page : List.of(unfiltered, afterFold, filtered)) {
            JsonNode sums = page.path("sumData");
            assertThat(sums.path("actualBalance").decimalValue()).isEqualByComparingTo("30.50");
            assertThat(sums.path("giveBalance").decimalValue()).isEqualByComparingTo("2.00");
            assertThat(sums.path("balance").decimalValue()).isEqualByComparingTo("32.50");
            assertThat(sums.path("name").isNull()).isTrue();
            assertThat(sums.path("cardCode").isNull()).isTrue();
            assertThat(page.path("totalCount").asLong()).isEqualTo(3);
        }
    }

    /**
     * The fold races the payments' deltas and loses none: recharges from four tills while the fold
     * runs over and over, then the folded totals equal what the cards hold. (A fold whose delete saw
     * a later snapshot than its sums would drop the deltas committed between them.)
     */
    @Test
    void foldsRacingRechargesKeepEveryDelta() throws Exception {
        List<Long> ids = create(3);
        java.util.concurrent.atomic.AtomicBoolean recharging = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.CompletableFuture<Integer> folding =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    int folds = 0;
                    while (recharging.get()) {
                        queries.foldTotals();
                        folds++;
                    }
                    return folds;
                });
        com.membercard.support.Concurrently.run(4, till -> {
            for (int i = 0; i < 15; i++) {
                recharge(ids.get((till + i) % ids.size()), "1.00", "0.00");
            }
            return null;
        });
        recharging.set(false);
        assertThat(folding.get(60, java.util.concurrent.TimeUnit.SECONDS))
                .as("folds run meanwhile")
                .isPositive();
        queries.foldTotals();

        java.math.BigDecimal kept = fixtures.jdbc()
                .sql("select coalesce(sum(actual_balance), 0) from member_totals where tenant_id = :t")
                .param("t", tenant.id())
                .query(java.math.BigDecimal.class)
                .single();
        assertThat(kept).as("folded totals against the 60 recharges").isEqualByComparingTo("60.00");
        assertThat(list("pageSize=1").path("sumData").path("actualBalance").decimalValue())
                .isEqualByComparingTo("60.00");
    }

    @Test
    void op02FiltersByLevelShopAndStatus() {
        long silver = Fixtures.createdId(tenant.admin().post("/api/v1/member-levels", Fixtures.memberLevel("银")));
        long otherShop = Fixtures.createdId(tenant.admin().post("/api/v1/shops", Fixtures.shop("分店")));
        long gold = member();
        long silverMember = member("memberLevelId", silver);
        long atOtherShop = Fixtures.createdId(
                tenant.admin().post("/api/v1/members", Fixtures.member(catalogue, "shopId", otherShop)));
        String lostCard = cardCodeOf(gold);
        tenant.cashier()
                .post("/api/v1/cards/report-loss", Map.of("cardCode", lostCard, "timestamp", Fixtures.unique("t")));

        assertThat(ids(list("memberLevel=" + silver))).containsExactly(silverMember);
        assertThat(ids(list("shopId=" + otherShop))).containsExactly(atOtherShop);
        assertThat(ids(list("status=2"))).containsExactly(gold);
        assertThat(ids(list("status=1&shopId=" + tenant.shopId()))).containsExactly(silverMember);
        // the counts of lists filtered on groups come from the kept totals, moved by the loss at once
        assertThat(list("status=2").path("totalCount").asLong()).isEqualTo(1);
        assertThat(list("status=1").path("totalCount").asLong()).isEqualTo(2);
        assertThat(list("memberLevel=" + silver + "&status=1")
                        .path("totalCount")
                        .asLong())
                .isEqualTo(1);
        queries.foldTotals();
        assertThat(list("status=1&shopId=" + tenant.shopId()).path("totalCount").asLong())
                .isEqualTo(1);
        assertThat(list("shopId=" + otherShop).path("totalCount").asLong()).isEqualTo(1);
        // ids start at 1: a 0 (which the kept totals use for "no shop") is refused, not matched
        for (String filter : List.of("shopId=0", "memberLevel=0", "shopId=-3")) {
            Api.Response refused = tenant.cashier().get("/api/v1/members?" + filter);
            assertThat(refused.status()).as(filter).isEqualTo(400);
            assertThat(refused.message()).as(filter).contains(filter.substring(0, filter.indexOf('=')));
        }
    }

    @Test
    void keywordFindsTwoCharacterChineseFragmentsPhoneFragmentsAndCodePrefixes() {
        long zhang = member("name", "张伟明", "phone", "13912345678", "code", "VIP-0001", "cardCode", "88001234");
        long li = member("name", "李伟", "phone", "13887654321");

        assertThat(ids(search("伟明"))).containsExactly(zhang);
        assertThat(ids(search("伟"))).containsExactlyInAnyOrder(zhang, li);
        assertThat(ids(search("张伟明"))).containsExactly(zhang);
        assertThat(ids(search("2345"))).containsExactly(zhang);
        assertThat(ids(search("VIP-00"))).containsExactly(zhang);
        assertThat(ids(search("880012"))).containsExactly(zhang);
        assertThat(ids(search("8765"))).containsExactly(li);
        assertThat(ids(search("明张"))).isEmpty();
    }

    @Test
    void aWholePhoneOrCodeAnswersItsMemberAloneAndAFragmentEveryMatch() {
        long byPhone = member("phone", "13900001111", "cardCode", "77001");
        long byCardCode = member("phone", "13500002222", "cardCode", "139000011119");
        long byMemberCode = member("code", "13900001", "cardCode", "77002");

        assertThat(ids(search("13900001111"))).containsExactly(byPhone);
        assertThat(ids(search("139000011119"))).containsExactly(byCardCode);
        assertThat(ids(search("13900001"))).containsExactly(byMemberCode);
        assertThat(ids(search("1390000111"))).containsExactlyInAnyOrder(byPhone, byCardCode);
    }

    @Test
    void keywordWildcardsAndQuotesAreTakenLiterally() {
        member("name", "100%纯", "code", "A_1");
        member("name", "普通会员", "code", "AB1");

        assertThat(search("%").size()).isEqualTo(1);
        assertThat(search("A_").size()).isEqualTo(1);
        assertThat(search("_").size()).isZero();
        assertThat(search("'; drop table member; --")).isEmpty();
        assertThat(search("\\").size()).isZero();
        assertThat(list("keyword=" + encode("%")).path("totalCount").asLong()).isEqualTo(1);
    }

    @Test
    void op07FindsTheOneMemberWhoseCardHasThisSecret() {
        member();
        long wanted = member("cardMac", "the-wanted-secret");

        assertThat(ids(tenant.cashier()
                        .get("/api/v1/members/search?mac=the-wanted-secret")
                        .body()))
                .containsExactly(wanted);
        Api.Response wrong = tenant.cashier().get("/api/v1/members/search?mac=no-such-secret");
        assertThat(wrong.status()).isEqualTo(602);
    }

    @Test
    void op07AnswersAtMostFiftyMembers() {
        create(55);

        assertThat(search("张伟").size()).isEqualTo(50);
    }

    @Test
    void op07NeedsAKeywordOrASecret() {
        Api.Response answer = tenant.cashier().get("/api/v1/members/search");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.data().path("field").asString()).isEqualTo("keyword");
    }

    @Test
    void op03SelectsByTheCardsOpeningDayBothDaysInclusive() {
        long jan1 = member("effectiveTime", "2026-01-01 00:00:00");
        long jan31 = member("effectiveTime", "2026-01-31 23:59:59");
        member("effectiveTime", "2026-02-01 00:00:00");
        member("effectiveTime", "2025-12-31 23:59:59");

        JsonNode page = tenant.cashier()
                .get("/api/v1/members/opened?startDate=2026-01-01&endDate=2026-01-31")
                .body();

        assertThat(ids(page)).containsExactlyInAnyOrder(jan1, jan31);
        assertThat(page.path("totalCount").asLong()).isEqualTo(2);
    }

    @Test
    void op03RefusesBadDates() {
        Api.Response bad = tenant.cashier().get("/api/v1/members/opened?startDate=2026-13-01");
        Api.Response reversed = tenant.cashier().get("/api/v1/members/opened?startDate=2026-02-01&endDate=2026-01-01");

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.data().path("field").asString()).isEqualTo("startDate");
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.data().path("field").asString()).isEqualTo("endDate");
    }

    @Test
    void op04ExportsEveryMemberOfOneClass() {
        long otherClass = Fixtures.createdId(tenant.admin().post("/api/v1/card-classes", Fixtures.cardClass("银卡")));
        List<Long> inClass = create(3);
        member("cardClassId", otherClass);

        JsonNode export = tenant.admin()
                .get("/api/v1/members/by-class?classId=" + catalogue.classId())
                .body();

        assertThat(ids(export)).containsExactlyElementsOf(inClass);
        assertThat(export.get(0).path("cardClassName").asString()).isEqualTo("储值金卡");
        assertThat(fixtures.platform()
                        .get("/api/v1/members/by-class?classId=" + catalogue.classId() + "&tenantId=" + tenant.id())
                        .body()
                        .size())
                .isEqualTo(3);
        assertThat(tenant.admin()
                        .get("/api/v1/members/by-class?classId=987654321")
                        .status())
                .isEqualTo(404);
        assertThat(tenant.admin().get("/api/v1/members/by-class").status()).isEqualTo(400);
    }

    @Test
    void pagingOutOfRangeIsRefused() {
        for (String query : List.of(
                "pageIndex=0",
                "pageIndex=-3",
                "pageSize=501",
                "pageSize=0",
                "pageIndex=99999999999",
                "status=9",
                "memberLevel=abc",
                "keyword=" + "x".repeat(51))) {
            Api.Response answer = tenant.cashier().get("/api/v1/members?" + query);

            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(answer.data().path("field").isMissingNode()).as(query).isFalse();
        }
    }

    @Test
    void theStatusFilterTakesEveryCardStatusAndNoOther() {
        for (String path : List.of("/api/v1/members", "/api/v1/members/opened")) {
            for (int status : CardStatus.codes()) {
                assertThat(tenant.cashier().get(path + "?status=" + status).http())
                        .as("%s status %d", path, status)
                        .isEqualTo(200);
            }
            for (int status : List.of(CardStatus.FIRST - 1, CardStatus.LAST + 1)) {
                Api.Response answer = tenant.cashier().get(path + "?status=" + status);
                assertThat(answer.status()).as("%s status %d", path, status).isEqualTo(400);
                assertThat(answer.data().path("field").asString()).isEqualTo("status");
            }
        }
    }

    @Test
    void aDeepPageIsEmptyNotAnError() {
        create(2);

        JsonNode page = list("pageIndex=1000");

        assertThat(page.path("data").size()).isZero();
        assertThat(page.path("totalCount").asLong()).isEqualTo(2);
    }

    private List<Long> create(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> member()).toList();
    }

    private long member(Object... overrides) {
        Map<String, Object> body = Fixtures.member(catalogue, overrides);
        long id = Fixtures.createdId(tenant.cashier().post("/api/v1/members", body));
        secrets.put(id, (String) body.get("cardMac"));
        return id;
    }

    private String cardCodeOf(long memberId) {
        return tenant.cashier()
                .get("/api/v1/members/" + memberId)
                .body()
                .path("cardCode")
                .asString();
    }

    private void recharge(long memberId, String pay, String give) {
        Api.Response answer =
                Fixtures.recharge(tenant.cashier(), cardCodeOf(memberId), secrets.get(memberId), pay, give);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    }

    private JsonNode list(String query) {
        Api.Response answer = tenant.auditor().get("/api/v1/members?" + query);
        assertThat(answer.http()).as(answer.toString()).isEqualTo(200);
        return answer.body();
    }

    private JsonNode search(String keyword) {
        Api.Response answer = tenant.cashier().get("/api/v1/members/search?keyword=" + encode(keyword));
        assertThat(answer.http()).as(answer.toString()).isEqualTo(200);
        return answer.body();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static List<Long> ids(JsonNode pageOrList) {
        JsonNode rows = pageOrList.has("data") ? pageOrList.path("data") : pageOrList;
        return rows.valueStream().map(row -> row.path("id").asLong()).toList();
    }
}
