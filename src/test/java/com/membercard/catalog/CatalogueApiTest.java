package com.membercard.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.support.Api;
import com.membercard.support.Fixtures;
import com.membercard.support.Fixtures.TenantFixture;
import com.membercard.support.IntegrationTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** op09–op16 exactly as documented, and the administrators' create, update and delete beside them. */
@IntegrationTest
class CatalogueApiTest {

    @Autowired
    Fixtures fixtures;

    TenantFixture tenant;

    @BeforeEach
    void freshTenant() {
        tenant = fixtures.tenant();
    }

    @Test
    void op09ListsCardClassesWithEveryDocumentedField() {
        Map<String, Object> body = new HashMap<>(Fixtures.cardClass("金卡"));
        body.put("deductOrder", "GIFT_FIRST");
        long id = Fixtures.createdId(tenant.admin().post("/api/v1/card-classes", body));

        JsonNode list = tenant.cashier().get("/api/v1/card-classes").body();

        assertThat(list.size()).isEqualTo(1);
        JsonNode cardClass = list.get(0);
        assertThat(fieldNames(cardClass))
                .containsExactlyInAnyOrder(
                        "id",
                        "name",
                        "cardType",
                        "cardTypeName",
                        "canRecharge",
                        "canMemberPrice",
                        "canDiscount",
                        "canPoint",
                        "pointsBasic",
                        "pointsToOne",
                        "pointsValidDays",
                        "deductOrder");
        assertThat(cardClass.path("id").asLong()).isEqualTo(id);
        assertThat(cardClass.path("name").asString()).isEqualTo("金卡");
        assertThat(cardClass.path("cardType").isInt()).isTrue();
        assertThat(cardClass.path("cardTypeName").asString()).isEqualTo("储值卡");
        assertThat(cardClass.path("canRecharge").isBoolean()).isTrue();
        assertThat(cardClass.path("pointsToOne").asInt()).isEqualTo(100);
        assertThat(cardClass.path("deductOrder").asString()).isEqualTo("GIFT_FIRST");
    }

    @Test
    void cardClassDeductOrderDefaultsToProportional() {
        long id = Fixtures.createdId(tenant.admin().post("/api/v1/card-classes", Fixtures.cardClass("银卡")));

        assertThat(tenant.admin()
                        .get("/api/v1/card-classes/" + id)
                        .body()
                        .path("deductOrder")
                        .asString())
                .isEqualTo("PROPORTIONAL");
    }

    @Test
    void op12ListsLevelsWithRankAndDiscount() {
        tenant.admin()
                .post(
                        "/api/v1/member-levels",
                        Map.of("name", "金卡会员", "level", 3, "discount", "0.88", "imagePath", "/img/gold.png"));

        JsonNode level = tenant.cashier().get("/api/v1/member-levels").body().get(0);

        assertThat(fieldNames(level)).containsExactlyInAnyOrder("id", "name", "level", "discount", "imagePath");
        assertThat(level.path("level").asInt()).isEqualTo(3);
        assertThat(level.path("discount").decimalValue()).isEqualByComparingTo("0.88");
    }

    @Test
    void op11ListsTagsAsIdAndName() {
        long id = Fixtures.createdId(tenant.admin().post("/api/v1/member-tags", Map.of("name", "爱喝咖啡")));

        JsonNode tags = tenant.cashier().get("/api/v1/member-tags").body();

        assertThat(tags.toString()).isEqualTo("[{\"id\":" + id + ",\"name\":\"爱喝咖啡\"}]");
    }

    @Test
    void aTagNameIsUniqueInATenant() {
        tenant.admin().post("/api/v1/member-tags", Map.of("name", "常客"));

        Api.Response again = tenant.admin().post("/api/v1/member-tags", Map.of("name", "常客"));

        assertThat(again.http()).isEqualTo(409);
        assertThat(again.data().path("field").asString()).isEqualTo("name");
        assertThat(tenant.admin().get("/api/v1/member-tags").body().size()).isEqualTo(1);
    }

    @Test
    void op13ListsGiftsWithStock() {
        tenant.admin().post("/api/v1/gifts", Map.of("name", "保温杯", "points", 500, "price", "39.90"));
        tenant.admin()
                .post("/api/v1/gifts", Map.of("name", "帆布袋", "points", 100, "price", "0", "stock", 3, "inUse", false));

        JsonNode gifts = tenant.cashier().get("/api/v1/gifts").body();

        assertThat(fieldNames(gifts.get(0)))
                .containsExactlyInAnyOrder("id", "name", "points", "price", "imagePath", "inUse", "stock");
        assertThat(gifts.get(0).path("price").decimalValue()).isEqualByComparingTo("39.90");
        assertThat(gifts.get(0).path("inUse").asBoolean()).isTrue();
        assertThat(gifts.get(0).path("stock").isNull()).isTrue();
        assertThat(gifts.get(1).path("stock").asInt()).isEqualTo(3);
        assertThat(gifts.get(1).path("inUse").asBoolean()).isFalse();
    }

    @Test
    void op14ListsPlansWithTheirWindowInTheDocumentedDateFormat() {
        tenant.admin()
                .post(
                        "/api/v1/recharge-plans",
                        Map.of(
                                "name",
                                "充100送20",
                                "money",
                                "120",
                                "payMoney",
                                "100",
                                "giveMoney",
                                "20",
                                "startTime",
                                "2026-01-01 00:00:00",
                                "endTime",
                                "2026-12-31",
                                "moneyModifiable",
                                true,
                                "remark",
                                "新年"));

        JsonNode plan = tenant.cashier().get("/api/v1/recharge-plans").body().get(0);

        assertThat(fieldNames(plan))
                .containsExactlyInAnyOrder(
                        "id",
                        "name",
                        "money",
                        "payMoney",
                        "giveMoney",
                        "startTime",
                        "endTime",
                        "moneyModifiable",
                        "remark",
                        "inUse");
        assertThat(plan.path("money").decimalValue()).isEqualByComparingTo("120.00");
        assertThat(plan.path("startTime").asString()).isEqualTo("2026-01-01 00:00:00");
        assertThat(plan.path("endTime").asString()).isEqualTo("2026-12-31 00:00:00");
        assertThat(plan.path("moneyModifiable").asBoolean()).isTrue();
        assertThat(plan.path("inUse").asBoolean()).isTrue();
    }

    @Test
    void aPlanWhoseMoneyIsNotPayPlusGiveIsRefused() {
        Api.Response answer = tenant.admin()
                .post(
                        "/api/v1/recharge-plans",
                        Map.of("name", "错", "money", "100", "payMoney", "100", "giveMoney", "20"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.data().path("field").asString()).isEqualTo("money");
        assertThat(tenant.admin().get("/api/v1/recharge-plans").body().size()).isZero();
    }

    @Test
    void aPlanEndingBeforeItStartsIsRefused() {
        Api.Response answer = tenant.admin()
                .post(
                        "/api/v1/recharge-plans",
                        Map.of(
                                "name",
                                "错",
                                "money",
                                "100",
                                "payMoney",
                                "100",
                                "giveMoney",
                                "0",
                                "startTime",
                                "2026-02-01",
                                "endTime",
                                "2026-01-01"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.data().path("field").asString()).isEqualTo("endTime");
    }

    @Test
    void op15AndOp16AnswerTheDefaultsAndFollowTheAdministratorsChanges() {
        assertThat(tenant.cashier().get("/api/v1/settings/scan-pay-enabled").raw())
                .isEqualTo("false");
        JsonNode types =
                tenant.cashier().get("/api/v1/settings/recharge-payment-types").body();
        assertThat(types.size()).isEqualTo(9);
        assertThat(types.valueStream().map(t -> t.path("key").asInt()).toList()).doesNotContain(2);

        assertThat(tenant.admin()
                        .put("/api/v1/settings/scan-pay-enabled", "true")
                        .status())
                .isEqualTo(200);
        assertThat(tenant.admin()
                        .put(
                                "/api/v1/settings/recharge-payment-types",
                                List.of(Map.of("key", 1, "value", false), Map.of("key", 9, "value", true)))
                        .status())
                .isEqualTo(200);

        assertThat(tenant.cashier().get("/api/v1/settings/scan-pay-enabled").raw())
                .isEqualTo("true");
        JsonNode after =
                tenant.cashier().get("/api/v1/settings/recharge-payment-types").body();
        assertThat(flag(after, 1)).isFalse();
        assertThat(flag(after, 9)).isTrue();
        assertThat(flag(after, 3)).isTrue();
    }

    @Test
    void theMemberCardCannotBeAllowedForRecharge() {
        Api.Response answer =
                tenant.admin().put("/api/v1/settings/recharge-payment-types", List.of(Map.of("key", 2, "value", true)));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.data().path("field").asString()).isEqualTo("[0].key");
    }

    @Test
    void updateChangesTheRowAndDeleteRemovesIt() {
        long id = Fixtures.createdId(tenant.admin().post("/api/v1/member-levels", Fixtures.memberLevel("普通")));

        assertThat(tenant.admin()
                        .put("/api/v1/member-levels/" + id, Map.of("name", "白银", "level", 2, "discount", "0.95"))
                        .status())
                .isEqualTo(200);
        assertThat(tenant.admin()
                        .get("/api/v1/member-levels/" + id)
                        .body()
                        .path("name")
                        .asString())
                .isEqualTo("白银");

        assertThat(tenant.admin().delete("/api/v1/member-levels/" + id).status())
                .isEqualTo(200);
        assertThat(tenant.admin().get("/api/v1/member-levels/" + id).status()).isEqualTo(404);
    }

    @Test
    void deletingALevelThatMembersHoldAnswers611AndKeepsIt() {
        long levelId = Fixtures.createdId(tenant.admin().post("/api/v1/member-levels", Fixtures.memberLevel("金")));
        // Members arrive through their own API later; one row is enough to hold the level.
        fixtures.jdbc()
                .sql("insert into member (tenant_id, code, name, level_id) values (?, ?, ?, ?)")
                .params(tenant.id(), Fixtures.unique("M"), "张三", levelId)
                .update();

        Api.Response answer = tenant.admin().delete("/api/v1/member-levels/" + levelId);

        assertThat(answer.status()).isEqualTo(611);
        assertThat(answer.message()).contains("会员等级");
        assertThat(tenant.admin().get("/api/v1/member-levels/" + levelId).http())
                .isEqualTo(200);
    }

    @Test
    void deletingAShopThatAnOperatorWorksAtAnswers611() {
        Map<String, Object> cashier = new HashMap<>(Fixtures.operator(Fixtures.unique("c")));
        cashier.put("shopId", tenant.shopId());
        Fixtures.createdId(tenant.admin().post("/api/v1/operators", cashier));

        Api.Response answer = tenant.admin().delete("/api/v1/shops/" + tenant.shopId());

        assertThat(answer.status()).isEqualTo(611);
        assertThat(tenant.admin().get("/api/v1/shops/" + tenant.shopId()).http())
                .isEqualTo(200);
    }

    private static boolean flag(JsonNode flags, int key) {
        return flags.valueStream()
                .filter(f -> f.path("key").asInt() == key)
                .findFirst()
                .orElseThrow()
                .path("value")
                .asBoolean();
    }

    private static List<String> fieldNames(JsonNode node) {
        return node.propertyNames().stream().toList();
    }
}
