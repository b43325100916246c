package com.membercard.reliability.attack;

import static com.membercard.reliability.attack.Attack.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.reliability.attack.Attack.Request;
import com.membercard.support.Api;
import com.membercard.support.Fixtures;
import com.membercard.support.IntegrationTest;
import com.membercard.support.TillFixture.TestCard;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Guessing a card's secret: wrong secrets count together on whichever endpoint they are tried, the
 * fifth locks the card (610), and then even the right secret is refused everywhere while the card's
 * money, points and state stay as they were.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CardSecretBruteForceTest {

    /** A card under attack, with an order, a recharge and points, so that every endpoint reaches its secret. */
    record Victim(TestCard card, String orderCode, String rechargeCode, long giftId) {}

    /** An endpoint that proves a card by its code and secret. */
    record SecretEndpoint(String operation, BiFunction<Victim, String, Request> request) {
        @Override
        public String toString() {
            return operation;
        }
    }

    /** Every endpoint that takes a card and its secret (AttackCoverageTest checks against the API). */
    static final List<SecretEndpoint> ENDPOINTS = List.of(
            new SecretEndpoint(
                    "GET /api/v1/cards",
                    (victim, mac) -> new Request(
                            "GET", "/api/v1/cards?cardCode=" + victim.card().code() + "&mac=" + mac, null)),
            new SecretEndpoint(
                    "GET /api/v1/cards/pay-info",
                    (victim, mac) -> new Request(
                            "GET",
                            "/api/v1/cards/pay-info?cardCode=" + victim.card().code() + "&mac=" + mac,
                            null)),
            new SecretEndpoint(
                    "POST /api/v1/cards/pay-code",
                    (victim, mac) -> new Request(
                            "POST",
                            "/api/v1/cards/pay-code",
                            Map.of("code", victim.card().code(), "mac", mac))),
            new SecretEndpoint(
                    "POST /api/v1/cards/replace",
                    (victim, mac) -> new Request(
                            "POST",
                            "/api/v1/cards/replace",
                            Map.of(
                                    "oldCardCode",
                                    victim.card().code(),
                                    "oldMac",
                                    mac,
                                    "cardCode",
                                    Fixtures.unique("new"),
                                    "mac",
                                    Fixtures.unique("new-secret"),
                                    "timestamp",
                                    Fixtures.unique("guess")))),
            new SecretEndpoint(
                    "POST /api/v1/cards/pin",
                    (victim, mac) -> post("/api/v1/cards/pin", victim, mac, "password", "8642")),
            new SecretEndpoint(
                    "POST /api/v1/cards/cancel-loss", (victim, mac) -> post("/api/v1/cards/cancel-loss", victim, mac)),
            new SecretEndpoint(
                    "POST /api/v1/card-payments",
                    (victim, mac) ->
                            post("/api/v1/card-payments", victim, mac, "money", "1.00", "code", Fixtures.unique("o"))),
            new SecretEndpoint(
                    "POST /api/v1/card-payments/refund",
                    (victim, mac) -> post(
                            "/api/v1/card-payments/refund", victim, mac, "money", "1.00", "code", victim.orderCode())),
            new SecretEndpoint(
                    "POST /api/v1/recharges",
                    (victim, mac) -> post(
                            "/api/v1/recharges",
                            victim,
                            mac,
                            "payMoney",
                            "1.00",
                            "details",
                            List.of(Map.of("paymentType", 1, "money", "1.00")))),
            new SecretEndpoint(
                    "POST /api/v1/recharges/refund",
                    (victim, mac) -> post(
                            "/api/v1/recharges/refund",
                            victim,
                            mac,
                            "paymentType",
                            1,
                            "rechargeCode",
                            victim.rechargeCode())),
            new SecretEndpoint(
                    "POST /api/v1/balance-refunds",
                    (victim, mac) ->
                            post("/api/v1/balance-refunds", victim, mac, "paymentType", 1, "payMoney", "1.00")),
            new SecretEndpoint(
                    "POST /api/v1/balance-refunds/original-route",
                    (victim, mac) -> post("/api/v1/balance-refunds/original-route", victim, mac, "payMoney", "1.00")),
            new SecretEndpoint(
                    "POST /api/v1/cards/return",
                    (victim, mac) -> post("/api/v1/cards/return", victim, mac, "paymentType", 1)),
            new SecretEndpoint(
                    "POST /api/v1/gifts/redeem",
                    (victim, mac) -> post("/api/v1/gifts/redeem", victim, mac, "giftId", victim.giftId())));

    private static final int ATTEMPTS_BEFORE_LOCK = 5;

    @Autowired
    Fixtures fixtures;

    TargetTenant tenant;

    @BeforeAll
    void aTenant() {
        tenant = TargetTenant.create(fixtures);
    }

    static List<SecretEndpoint> endpoints() {
        return ENDPOINTS;
    }

    @ParameterizedTest(name = "four wrong secrets elsewhere, the fifth through {0}")
    @MethodSource("endpoints")
    void wrongSecretsCountTogetherAndTheFifthLocksTheCardEvenForTheRightSecret(SecretEndpoint locking) {
        Victim victim = victim();
        List<String> before = moneyAndState(victim.card());
        int offset = ENDPOINTS.indexOf(locking);

        for (int attempt = 1; attempt < ATTEMPTS_BEFORE_LOCK; attempt++) {
            // the others in turn, each case starting at another, so every endpoint counts in some case
            SecretEndpoint other = ENDPOINTS.get((offset + attempt) % ENDPOINTS.size());
            Api.Response wrong = send(other, victim, "wrong-secret-" + attempt);
            assertThat(wrong.status())
                    .as("wrong secret %d through %s: %s", attempt, other, wrong)
                    .isEqualTo(602);
        }
        Api.Response fifth = send(locking, victim, "wrong-secret-5");

        assertThat(fifth.status()).as(fifth.toString()).isEqualTo(610);
        for (SecretEndpoint endpoint : ENDPOINTS) {
            Api.Response right = send(endpoint, victim, victim.card().mac());
            assertThat(right.status())
                    .as("the right secret through %s: %s", endpoint, right)
                    .isEqualTo(610);
        }
        assertThat(moneyAndState(victim.card())).isEqualTo(before);
    }

    private Victim victim() {
        TestCard card = tenant.newCard("300.00", "30.00");
        String rechargeCode = tenant.till
                .recharge(card, "50.00", "0")
                .data()
                .path("rechargeCode")
                .asString();
        String orderCode = Fixtures.unique("order");
        assertThat(tenant.till.pay(card, "150.00", orderCode).status()).isEqualTo(200);
        return new Victim(card, orderCode, rechargeCode, tenant.giftId());
    }

    private Api.Response send(SecretEndpoint endpoint, Victim victim, String mac) {
        return endpoint.request().apply(victim, mac).sendAs(tenant.cashier());
    }

    /** What the card shows without its secret: state, money, points. */
    private List<String> moneyAndState(TestCard card) {
        JsonNode view = tenant.till.view(card);
        return List.of("status", "actualBalance", "giveBalance", "actualPoints").stream()
                .map(field -> field + "=" + view.path(field).asString())
                .toList();
    }

    /** A command on the victim's card with {@code mac} and a fresh serial. */
    private static Request post(String path, Victim victim, String mac, Object... fields) {
        Map<String, Object> body =
                Map.of("cardCode", victim.card().code(), "mac", mac, "timestamp", Fixtures.unique("guess"));
        return new Request("POST", path, with(body, fields));
    }
}
