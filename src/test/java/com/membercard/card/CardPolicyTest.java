package com.membercard.card;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.support.Api;
import com.membercard.support.Fixtures;
import com.membercard.support.IntegrationTest;
import com.membercard.support.TillFixture;
import com.membercard.support.TillFixture.TestCard;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A tenant's card policy: secrets at least its length (default 8), the last 4 kept only of long
 * secrets, secrets drawn by the server when the till gives none, and gift money only through a
 * recharge plan unless the policy allows some (a tenant administrator may give more).
 */
@IntegrationTest
class CardPolicyTest {

    private static final Map<String, Object> DEFAULT_POLICY =
            Map.of("minSecretLength", 8, "giftWithoutPlan", false, "giftWithoutPlanCap", "0");

    @Autowired
    Fixtures fixtures;

    private TillFixture tillWithTheDefaultPolicy() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        assertThat(till.tenant
                        .admin()
                        .put("/api/v1/settings/card-policy", DEFAULT_POLICY)
                        .status())
                .isEqualTo(200);
        return till;
    }

    @Test
    void aTenantThatSetNoPolicyHasTheDefault() {
        String admin = Fixtures.unique("boss");
        Api.Response created = fixtures.platform()
                .post(
                        "/api/v1/tenants",
                        Map.of("name", Fixtures.unique("商户"), "adminUsername", admin, "adminPassword", "secret-123"));
        assertThat(created.status()).isEqualTo(200);

        JsonNode policy = fixtures.anonymous()
                .as(fixtures.login(admin, "secret-123"))
                .get("/api/v1/settings/card-policy")
                .body();

        assertThat(policy.path("minSecretLength").asInt()).isEqualTo(8);
        assertThat(policy.path("giftWithoutPlan").asBoolean()).isFalse();
        assertThat(policy.path("giftWithoutPlanCap").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void aSecretShorterThanThePolicyIsRefusedNamingTheField() {
        TillFixture till = tillWithTheDefaultPolicy();
        Fixtures.Catalogue catalogue = new Fixtures.Catalogue(till.levelId, till.classId, 0, 0);

        Api.Response seven = till.till()
                .inEnglish()
                .post(
                        "/api/v1/members",
                        Fixtures.member(catalogue, "memberTagIds", java.util.List.of(), "cardMac", "1234567"));

        assertThat(seven.http()).isEqualTo(400);
        assertThat(seven.message()).isEqualTo("cardMac: must be at least 8 characters");
        assertThat(till.tenant
                        .admin()
                        .put(
                                "/api/v1/settings/card-policy",
                                Map.of("minSecretLength", 6, "giftWithoutPlan", false, "giftWithoutPlanCap", "0"))
                        .status())
                .isEqualTo(200);
        assertThat(till.till()
                        .post(
                                "/api/v1/members",
                                Fixtures.member(catalogue, "memberTagIds", java.util.List.of(), "cardMac", "1234567"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aShortSecretShowsNothingOfItselfAndALongOneItsLastFour() {
        TillFixture till = tillWithTheDefaultPolicy();
        Fixtures.Catalogue catalogue = new Fixtures.Catalogue(till.levelId, till.classId, 0, 0);
        Map<String, Object> eleven =
                Fixtures.member(catalogue, "memberTagIds", java.util.List.of(), "cardMac", "abc-def-ghi");
        Map<String, Object> twelve =
                Fixtures.member(catalogue, "memberTagIds", java.util.List.of(), "cardMac", "abc-def-ghij");
        till.till().post("/api/v1/members", eleven);
        till.till().post("/api/v1/members", twelve);

        assertThat(till.till()
                        .get("/api/v1/cards?cardCode=" + eleven.get("cardCode"))
                        .body()
                        .path("mac")
                        .asString())
                .isEqualTo("****");
        assertThat(till.till()
                        .get("/api/v1/cards?cardCode=" + twelve.get("cardCode"))
                        .body()
                        .path("mac")
                        .asString())
                .isEqualTo("****ghij");
    }

    @Test
    void withoutASecretTheServerDrawsOneAndShowsItOnce() {
        TillFixture till = tillWithTheDefaultPolicy();
        Fixtures.Catalogue catalogue = new Fixtures.Catalogue(till.levelId, till.classId, 0, 0);
        Map<String, Object> body = Fixtures.member(catalogue, "memberTagIds", java.util.List.of(), "cardMac", null);

        Api.Response created = till.till().post("/api/v1/members", body);

        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String secret = created.body().path("cardMac").asString();
        assertThat(secret).hasSize(20);
        assertThat(till.till()
                        .get("/api/v1/cards?cardCode=" + body.get("cardCode") + "&mac=" + secret)
                        .http())
                .isEqualTo(200);
        assertThat(till.till()
                        .post("/api/v1/members", Fixtures.member(catalogue, "memberTagIds", java.util.List.of()))
                        .body()
                        .has("cardMac"))
                .as("a secret the till chose is not answered")
                .isFalse();
    }

    @Test
    void giftMoneyWithoutAPlanIsRefusedByDefaultAndChangesNothing() {
        TillFixture till = tillWithTheDefaultPolicy();
        TestCard card = till.card();

        Api.Response refused = till.recharge(card, "0.01", "100.00");

        assertThat(refused.status()).as(refused.toString()).isEqualTo(614);
        assertThat(till.real(card)).isEqualByComparingTo("0");
        assertThat(till.gift(card)).isEqualByComparingTo("0");
        assertThat(till.recharge(card, "50.00", "0").status())
                .as("a recharge without gift money")
                .isEqualTo(200);
    }

    @Test
    void aPolicyMayAllowGiftMoneyWithoutAPlanUpToItsCap() {
        TillFixture till = tillWithTheDefaultPolicy();
        till.tenant
                .admin()
                .put(
                        "/api/v1/settings/card-policy",
                        Map.of("minSecretLength", 8, "giftWithoutPlan", true, "giftWithoutPlanCap", "10.00"));
        TestCard card = till.card();

        assertThat(till.recharge(card, "100.00", "10.00").status()).isEqualTo(200);
        Api.Response over = till.till()
                .inEnglish()
                .post(
                        "/api/v1/recharges",
                        Map.of(
                                "cardCode",
                                card.code(),
                                "mac",
                                card.mac(),
                                "payMoney",
                                "100.00",
                                "giveMoney",
                                "10.01",
                                "details",
                                java.util.List.of(Map.of("paymentType", 1, "money", "100.00")),
                                "timestamp",
                                Fixtures.unique("R")));
        assertThat(over.status()).isEqualTo(614);
        assertThat(over.message()).contains("10.00");
        assertThat(till.gift(card)).isEqualByComparingTo("10.00");
    }

    @Test
    void aTenantAdministratorMayGiveMoreThanThePolicy() {
        TillFixture till = tillWithTheDefaultPolicy();
        TestCard card = till.card();

        Api.Response answer = Fixtures.recharge(till.tenant.admin(), card.code(), card.mac(), "10.00", "5.00");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(till.gift(card)).isEqualByComparingTo("5.00");
        JsonNode overrides = till.tenant
                .admin()
                .get("/api/v1/security-events?kind=GIFT_MONEY_OVERRIDE")
                .body()
                .path("data");
        assertThat(overrides).hasSize(1);
        assertThat(overrides.get(0).path("subject").asString()).isEqualTo(card.code());
        assertThat(overrides.get(0).path("detail").asString())
                .contains(answer.data().path("rechargeCode").asString())
                .contains("5.00");
    }

    @Test
    void aBadPolicyIsRefusedNamingTheFieldAndACashierMayNotSetOne() {
        TillFixture till = tillWithTheDefaultPolicy();
        Api admin = till.tenant.admin().inEnglish();

        Api.Response tooShort = admin.put(
                "/api/v1/settings/card-policy",
                Map.of("minSecretLength", 5, "giftWithoutPlan", false, "giftWithoutPlanCap", "0"));
        Api.Response noCap =
                admin.put("/api/v1/settings/card-policy", Map.of("minSecretLength", 8, "giftWithoutPlan", true));
        Api.Response threeDecimals = admin.put(
                "/api/v1/settings/card-policy",
                Map.of("minSecretLength", 8, "giftWithoutPlan", true, "giftWithoutPlanCap", "1.001"));
        Api.Response cashier = till.till().put("/api/v1/settings/card-policy", Fixtures.GENEROUS_CARD_POLICY);

        assertThat(tooShort.http()).isEqualTo(400);
        assertThat(tooShort.message()).startsWith("minSecretLength");
        assertThat(noCap.http()).isEqualTo(400);
        assertThat(noCap.message()).startsWith("giftWithoutPlanCap");
        assertThat(threeDecimals.http()).isEqualTo(400);
        assertThat(threeDecimals.message()).startsWith("giftWithoutPlanCap");
        assertThat(cashier.http()).isEqualTo(403);
        assertThat(admin.get("/api/v1/settings/card-policy")
                        .body()
                        .path("minSecretLength")
                        .asInt())
                .as("nothing changed")
                .isEqualTo(8);
    }
}
