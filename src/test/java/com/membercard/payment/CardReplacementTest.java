package com.membercard.payment;

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

/** op35: everything moves to the new card in one transfer; nothing is created or lost. */
@IntegrationTest
class CardReplacementTest {

    @Autowired
    Fixtures fixtures;

    @Test
    void aLostCardsMoneyTotalsAndPointsMoveToTheNewCard() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 30);
        TestCard old = till.card("80.00", "20.00");
        till.pay(old, "10.00", "BEFORE-LOSS");
        till.till().post("/api/v1/cards/report-loss", Map.of("cardCode", old.code(), "timestamp", "LOSS-R"));
        JsonNode before = till.view(old);
        long membersBefore = till.tenant
                .admin()
                .get("/api/v1/members")
                .body()
                .path("totalCount")
                .asLong();

        Api.Response answer = till.till()
                .post(
                        "/api/v1/cards/replace",
                        Map.of(
                                "cardCode",
                                "NEW-" + old.code(),
                                "mac",
                                "new-secret-1234",
                                "oldCardCode",
                                old.code(),
                                "timestamp",
                                "REPLACE-1"));

        assertThat(answer.status()).isEqualTo(200);
        TestCard fresh = new TestCard("NEW-" + old.code(), "new-secret-1234", old.memberId());
        JsonNode after = till.view(fresh);
        for (String field : new String[] {
            "actualBalance", "giveBalance", "totalRecharge", "totalExpense", "actualPoints", "totalPoints"
        }) {
            assertThat(after.path(field).decimalValue())
                    .as(field)
                    .isEqualByComparingTo(before.path(field).decimalValue());
        }
        assertThat(after.path("pointsDisabledDate").asString())
                .isEqualTo(before.path("pointsDisabledDate").asString());
        JsonNode oldAfter = till.view(old);
        assertThat(oldAfter.path("status").asInt()).isEqualTo(3);
        assertThat(oldAfter.path("balance").decimalValue()).isZero();
        JsonNode member = till.till().get("/api/v1/members/" + old.memberId()).body();
        assertThat(member.path("cardCode").asString()).isEqualTo(fresh.code());
        assertThat(till.tenant
                        .admin()
                        .get("/api/v1/members")
                        .body()
                        .path("totalCount")
                        .asLong())
                .isEqualTo(membersBefore);
        assertThat(till.pay(fresh, "5.00", "AFTER-REPLACE").status()).isEqualTo(200);
        assertThat(till.refund(fresh, "10.00", "BEFORE-LOSS", null).status())
                .as("a payment made on the old card is refunded onto the new one")
                .isEqualTo(200);
        assertThat(till.pay(old, "1.00", "OLD-CARD").status()).isEqualTo(604);
    }

    @Test
    void aVoidCardCannotBeReplacedAndANewCodeMustBeFree() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        TestCard voided = till.card();
        till.till().post("/api/v1/cards/void", Map.of("cardCode", voided.code()));
        TestCard other = till.card();
        TestCard normal = till.card("5.00", "0");

        assertThat(till.till()
                        .post(
                                "/api/v1/cards/replace",
                                Map.of(
                                        "cardCode",
                                        "N1",
                                        "mac",
                                        "secret-n1",
                                        "oldCardCode",
                                        voided.code(),
                                        "timestamp",
                                        "RP-1"))
                        .status())
                .isEqualTo(604);
        Api.Response taken = till.till()
                .post(
                        "/api/v1/cards/replace",
                        Map.of(
                                "cardCode",
                                other.code(),
                                "mac",
                                "secret-n2",
                                "oldCardCode",
                                normal.code(),
                                "oldMac",
                                normal.mac(),
                                "timestamp",
                                "RP-2"));
        assertThat(taken.http()).isEqualTo(409);
        assertThat(taken.data().path("field").asString()).isEqualTo("cardCode");
        assertThat(till.view(normal).path("status").asInt()).isEqualTo(1);
        assertThat(till.real(normal)).isEqualByComparingTo("5.00");
    }

    @Test
    void aCardNotReportedLostMovesOnlyWithItsSecret() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        TestCard card = till.card("50.00", "0");

        Api.Response noSecret = replace(till, card, null, "RS-1");
        Api.Response wrongSecret = replace(till, card, "not-the-secret", "RS-2");

        assertThat(noSecret.status()).as(noSecret.toString()).isEqualTo(611);
        assertThat(wrongSecret.status()).as(wrongSecret.toString()).isEqualTo(602);
        assertThat(till.view(card).path("status").asInt()).isEqualTo(1);
        assertThat(till.real(card)).isEqualByComparingTo("50.00");
        assertThat(replace(till, card, card.mac(), "RS-3").status()).isEqualTo(200);
    }

    @Test
    void wrongOldSecretsCountTowardTheLockAndALockedCardIsNotReplaced() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        TestCard card = till.card("50.00", "0");
        for (int i = 1; i < 5; i++) {
            assertThat(replace(till, card, "guess-" + i, "RG-" + i).status()).isEqualTo(602);
        }

        assertThat(replace(till, card, "guess-5", "RG-5").status()).isEqualTo(610);
        assertThat(replace(till, card, card.mac(), "RG-6").status())
                .as("even with the right secret")
                .isEqualTo(610);
        assertThat(till.real(card)).isEqualByComparingTo("50.00");
    }

    @Test
    void theNewSecretMustBeAsLongAsTheTenantsCardPolicyAsks() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        Map<String, Object> policy = new java.util.HashMap<>(Fixtures.GENEROUS_CARD_POLICY);
        policy.put("minSecretLength", 12);
        assertThat(till.tenant
                        .admin()
                        .put("/api/v1/settings/card-policy", policy)
                        .status())
                .isEqualTo(200);
        TestCard card = till.card("50.00", "0");

        Api.Response tooShort = till.replace(card, "eleven-char", "RL-1");

        assertThat(tooShort.http()).as(tooShort.toString()).isEqualTo(400);
        assertThat(tooShort.data().path("field").asString()).isEqualTo("mac");
        assertThat(till.view(card).path("status").asInt()).isEqualTo(1);
        assertThat(till.real(card)).isEqualByComparingTo("50.00");
        assertThat(till.replace(card, "twelve-chars", "RL-2").status()).isEqualTo(200);
    }

    private static Api.Response replace(TillFixture till, TestCard old, String oldMac, String serial) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "cardCode",
                Fixtures.unique("N"),
                "mac",
                Fixtures.unique("new-secret"),
                "oldCardCode",
                old.code(),
                "timestamp",
                serial));
        if (oldMac != null) {
            body.put("oldMac", oldMac);
        }
        return till.till().post("/api/v1/cards/replace", body);
    }
}
