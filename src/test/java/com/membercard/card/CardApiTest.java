package com.membercard.card;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.support.Api;
import com.membercard.support.Concurrently;
import com.membercard.support.Fixtures;
import com.membercard.support.Fixtures.Catalogue;
import com.membercard.support.Fixtures.TenantFixture;
import com.membercard.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** op08 and the card states: op33 report loss, op34 cancel loss, op36 void. */
@IntegrationTest
class CardApiTest {

    @Autowired
    Fixtures fixtures;

    TenantFixture tenant;
    Catalogue catalogue;
    String cardCode;
    String secret;
    long cardId;

    @BeforeEach
    void aMemberWithACard() {
        tenant = fixtures.tenant();
        catalogue = Fixtures.catalogue(tenant);
        Map<String, Object> body = Fixtures.member(catalogue, "cardPassword", "135790");
        cardCode = (String) body.get("cardCode");
        secret = (String) body.get("cardMac");
        long memberId = Fixtures.createdId(tenant.cashier().post("/api/v1/members", body));
        cardId = tenant.cashier()
                .get("/api/v1/members/" + memberId)
                .body()
                .path("cardId")
                .asLong();
    }

    @Test
    void op08FindsTheCardByCodeBySecretOrByBothWithEveryDocumentedField() {
        JsonNode byCode = card("cardCode=" + cardCode).body();
        JsonNode bySecret = card("mac=" + secret).body();
        JsonNode byBoth = card("cardCode=" + cardCode + "&mac=" + secret).body();

        assertThat(byCode.propertyNames())
                .containsExactlyInAnyOrder(
                        "totalRecharge",
                        "actualRecharge",
                        "giveRecharge",
                        "totalExpense",
                        "actualExpense",
                        "giveExpense",
                        "balance",
                        "actualBalance",
                        "giveBalance",
                        "totalPoints",
                        "actualPoints",
                        "usedPoints",
                        "pointsDisabledDate",
                        "effectiveTime",
                        "memberCardClassId",
                        "memberCardClassName",
                        "status",
                        "statusName",
                        "cardSendMode",
                        "shopId",
                        "shopName",
                        "password",
                        "code",
                        "mac",
                        "id");
        assertThat(byCode.path("id").asLong()).isEqualTo(cardId);
        assertThat(byCode.path("memberCardClassName").asString()).isEqualTo("储值金卡");
        assertThat(byCode.path("shopId").asLong()).isEqualTo(tenant.shopId());
        assertThat(byCode.path("password").asString()).isEmpty();
        assertThat(byCode.path("mac").asString()).isEqualTo("****" + secret.substring(secret.length() - 4));
        assertThat(bySecret).isEqualTo(byCode);
        assertThat(byBoth).isEqualTo(byCode);
    }

    @Test
    void aWrongSecretAnswersLikeAnUnknownCard() {
        Api.Response wrong = card("cardCode=" + cardCode + "&mac=wrong-secret");
        Api.Response unknown = card("cardCode=NO-SUCH-CARD");

        assertThat(wrong.status()).isEqualTo(602);
        assertThat(wrong.body()).isEqualTo(unknown.body());
        assertThat(card("mac=wrong-secret").status()).isEqualTo(602);
        assertThat(card("").status()).isEqualTo(400);
    }

    @Test
    void fiveWrongSecretsLockTheCardEvenForTheRightOne() {
        for (int i = 0; i < 4; i++) {
            assertThat(card("cardCode=" + cardCode + "&mac=wrong-" + i).status())
                    .isEqualTo(602);
        }
        assertThat(card("cardCode=" + cardCode + "&mac=wrong-4").status()).isEqualTo(610);

        assertThat(card("cardCode=" + cardCode + "&mac=" + secret).status()).isEqualTo(610);
        Api.Response cancel = tenant.cashier()
                .post(
                        "/api/v1/cards/cancel-loss",
                        Map.of("cardCode", cardCode, "mac", secret, "timestamp", Fixtures.unique("t")));
        assertThat(cancel.status()).isEqualTo(610);
    }

    @Test
    void aRightSecretClearsEarlierFailures() {
        for (int i = 0; i < 4; i++) {
            card("cardCode=" + cardCode + "&mac=wrong-" + i);
        }
        assertThat(card("cardCode=" + cardCode + "&mac=" + secret).http()).isEqualTo(200);

        assertThat(card("cardCode=" + cardCode + "&mac=wrong-again").status()).isEqualTo(602);
    }

    @Test
    void lossAndItsCancellationAreRecordedWithWhoAndTheSerial() {
        Api.Response lost = tenant.cashier()
                .post(
                        "/api/v1/cards/report-loss",
                        Map.of("cardCode", cardCode, "remark", "顾客来电", "timestamp", "LOSS-1"));
        assertThat(lost.status()).isEqualTo(200);
        assertThat(status()).isEqualTo(2);

        Api.Response found = tenant.cashier()
                .post("/api/v1/cards/cancel-loss", Map.of("cardCode", cardCode, "mac", secret, "timestamp", "FOUND-1"));
        assertThat(found.status()).isEqualTo(200);
        assertThat(status()).isEqualTo(1);

        List<Map<String, Object>> events = fixtures.nodeOf(tenant.id())
                .sql(
                        "select kind, from_status, to_status, serial, api_key_id, shop_id from card_event where card_id = ? order by id")
                .param(cardId)
                .query()
                .listOfRows();
        assertThat(events).hasSize(2);
        assertThat(events.get(0))
                .containsEntry("kind", "REPORTED_LOST")
                .containsEntry("serial", "LOSS-1")
                .containsEntry("shop_id", tenant.shopId());
        assertThat(events.get(0).get("api_key_id")).isNotNull();
        assertThat(events.get(1)).containsEntry("kind", "LOSS_CANCELLED");
        assertThat(((Number) events.get(1).get("to_status")).intValue()).isEqualTo(1);
    }

    @Test
    void aRepeatedSerialAnswers801AndChangesNothing() {
        Map<String, Object> request = Map.of("cardCode", cardCode, "timestamp", "LOSS-2");
        tenant.cashier().post("/api/v1/cards/report-loss", request);

        Api.Response again = tenant.cashier().post("/api/v1/cards/report-loss", request);

        assertThat(again.status()).isEqualTo(801);
        assertThat(eventCount()).isEqualTo(1);
    }

    @Test
    void theSameSerialWithOtherContentAnswers409() {
        tenant.cashier().post("/api/v1/cards/report-loss", Map.of("cardCode", cardCode, "timestamp", "LOSS-3"));

        Api.Response other = tenant.cashier()
                .post(
                        "/api/v1/cards/report-loss",
                        Map.of("cardCode", cardCode, "timestamp", "LOSS-3", "remark", "another request"));

        assertThat(other.status()).isEqualTo(409);
        assertThat(eventCount()).isEqualTo(1);
    }

    @Test
    void tenConcurrentRequestsWithOneSerialMakeOneChange() throws Exception {
        Map<String, Object> request = Map.of("cardCode", cardCode, "timestamp", "LOSS-RACE");

        List<Api.Response> answers =
                Concurrently.run(10, i -> tenant.cashier().post("/api/v1/cards/report-loss", request));

        assertThat(answers.stream().filter(a -> a.status() == 200)).hasSize(1);
        assertThat(answers.stream().filter(a -> a.status() == 801)).hasSize(9);
        assertThat(eventCount()).isEqualTo(1);
    }

    @Test
    void transitionsOutsideTheTableAreRefusedWithTheirCodeAndChangeNothing() {
        assertThat(cancelLoss().status()).as("cancel loss of a normal card").isEqualTo(611);

        reportLoss();
        assertThat(reportLoss().status()).as("report a lost card lost").isEqualTo(603);
        assertThat(voidCard().status()).as("void a lost card").isEqualTo(603);

        cancelLoss();
        assertThat(voidCard().status()).isEqualTo(200);
        assertThat(status()).isEqualTo(3);
        assertThat(reportLoss().status()).as("report a void card lost").isEqualTo(604);
        assertThat(cancelLoss().status()).isEqualTo(604);
        assertThat(voidCard().status()).isEqualTo(604);
        assertThat(eventCount()).isEqualTo(3);
    }

    @Test
    void aCardHoldingRealMoneyCannotBeVoided() {
        assertThat(Fixtures.recharge(tenant.cashier(), cardCode, secret, "5.00", "0")
                        .status())
                .isEqualTo(200);

        Api.Response answer = voidCard();

        assertThat(answer.status()).isEqualTo(611);
        assertThat(status()).isEqualTo(1);
    }

    @Test
    void anotherTenantsCardIsUnknown() {
        TenantFixture other = fixtures.tenant();

        assertThat(other.cashier().get("/api/v1/cards?cardCode=" + cardCode).status())
                .isEqualTo(602);
        assertThat(other.cashier().get("/api/v1/cards?mac=" + secret).status()).isEqualTo(602);
        assertThat(other.cashier()
                        .post(
                                "/api/v1/cards/report-loss",
                                Map.of("cardCode", cardCode, "timestamp", Fixtures.unique("t")))
                        .status())
                .isEqualTo(602);
        assertThat(other.cashier()
                        .post("/api/v1/cards/void", Map.of("cardCode", cardCode))
                        .status())
                .isEqualTo(602);
        assertThat(status()).isEqualTo(1);
    }

    @Test
    void anUnknownOperatorIsRefused() {
        Api.Response answer = tenant.cashier()
                .post(
                        "/api/v1/cards/report-loss",
                        Map.of("cardCode", cardCode, "timestamp", Fixtures.unique("t"), "userId", 987654321));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.data().path("field").asString()).isEqualTo("userId");
        assertThat(status()).isEqualTo(1);
    }

    @Test
    void aSerialIsRequiredAndBounded() {
        assertThat(tenant.cashier()
                        .post("/api/v1/cards/report-loss", Map.of("cardCode", cardCode))
                        .data()
                        .path("field")
                        .asString())
                .isEqualTo("timestamp");
        assertThat(tenant.cashier()
                        .post("/api/v1/cards/report-loss", Map.of("cardCode", cardCode, "timestamp", "x".repeat(65)))
                        .status())
                .isEqualTo(400);
        assertThat(status()).isEqualTo(1);
    }

    @Test
    void anAuditorCannotChangeACard() {
        assertThat(tenant.auditor()
                        .post(
                                "/api/v1/cards/report-loss",
                                Map.of("cardCode", cardCode, "timestamp", Fixtures.unique("t")))
                        .status())
                .isEqualTo(403);
        assertThat(status()).isEqualTo(1);
    }

    private Api.Response card(String query) {
        return tenant.cashier().get("/api/v1/cards?" + query);
    }

    private int status() {
        return card("cardCode=" + cardCode).body().path("status").asInt();
    }

    private long eventCount() {
        return fixtures.jdbc()
                .sql("select count(*) from card_event where card_id = ?")
                .param(cardId)
                .query(Long.class)
                .single();
    }

    private Api.Response reportLoss() {
        return tenant.cashier()
                .post("/api/v1/cards/report-loss", Map.of("cardCode", cardCode, "timestamp", Fixtures.unique("t")));
    }

    private Api.Response cancelLoss() {
        return tenant.cashier()
                .post(
                        "/api/v1/cards/cancel-loss",
                        Map.of("cardCode", cardCode, "mac", secret, "timestamp", Fixtures.unique("t")));
    }

    private Api.Response voidCard() {
        return tenant.cashier()
                .post("/api/v1/cards/void", Map.of("cardCode", cardCode, "timestamp", Fixtures.unique("t")));
    }
}
