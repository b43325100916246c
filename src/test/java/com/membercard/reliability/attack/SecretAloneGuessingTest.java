package com.membercard.reliability.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.support.Api;
import com.membercard.support.Fixtures;
import com.membercard.support.Fixtures.TenantFixture;
import com.membercard.support.IntegrationTest;
import com.membercard.support.TestClock;
import com.membercard.support.TillFixture;
import com.membercard.support.TillFixture.TestCard;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Guessing secrets without a card code: op07, op08 and op22 find a card by its secret alone, and
 * op19/op35 refuse a secret that some card has, so no card can count the guesses. They count against
 * the credential instead: after 5 misses it must wait (613), longer after each further miss, and
 * after 20 it is refused such lookups until its 15 minutes are over, while the tenant's other
 * credentials go on.
 */
@IntegrationTest
class SecretAloneGuessingTest {

    /** An endpoint that finds a card by its secret alone. */
    record SecretAloneEndpoint(String operation, BiFunction<Api, String, Api.Response> lookup) {
        @Override
        public String toString() {
            return operation;
        }
    }

    /** Every endpoint that takes a secret without a card (AttackCoverageTest checks against the API). */
    static final List<SecretAloneEndpoint> ENDPOINTS = List.of(
            new SecretAloneEndpoint(
                    "GET /api/v1/members/search", (api, mac) -> api.get("/api/v1/members/search?mac=" + mac)),
            new SecretAloneEndpoint("GET /api/v1/cards", (api, mac) -> api.get("/api/v1/cards?mac=" + mac)),
            new SecretAloneEndpoint(
                    "GET /api/v1/cards/pay-info/by-mac",
                    (api, mac) -> api.get("/api/v1/cards/pay-info/by-mac?mac=" + mac)));

    @Autowired
    Fixtures fixtures;

    @Autowired
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static List<SecretAloneEndpoint> endpoints() {
        return ENDPOINTS;
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void aCredentialGuessingSecretsMustWaitLongerAfterEachMissAndOthersGoOn(SecretAloneEndpoint endpoint) {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        TestCard card = till.card("10.00", "0");
        Api guesser = till.till();
        Api colleague = fixtures.anonymous().as(Fixtures.apiKey(till.tenant.admin(), "CASHIER", null));

        for (int miss = 1; miss <= 6; miss++) {
            assertThat(code(endpoint.lookup().apply(guesser, "guess-" + miss)))
                    .as("miss %d", miss)
                    .isEqualTo(602);
        }
        Api.Response waiting = endpoint.lookup().apply(guesser, card.mac());
        assertThat(waiting.status()).as(waiting.toString()).isEqualTo(613);
        assertThat(waiting.http()).isEqualTo(429);
        assertThat(code(endpoint.lookup().apply(colleague, card.mac())))
                .as("another credential of the tenant")
                .isEqualTo(200);

        clock.advance(Duration.ofSeconds(2));
        assertThat(code(endpoint.lookup().apply(guesser, card.mac())))
                .as("after the wait")
                .isEqualTo(200);
        assertThat(code(endpoint.lookup().apply(guesser, "guess-7"))).isEqualTo(602);
        assertThat(code(endpoint.lookup().apply(guesser, card.mac())))
                .as("the wait doubles")
                .isEqualTo(613);
        clock.advance(Duration.ofSeconds(1));
        assertThat(code(endpoint.lookup().apply(guesser, card.mac()))).isEqualTo(613);
        clock.advance(Duration.ofSeconds(2));
        assertThat(code(endpoint.lookup().apply(guesser, card.mac()))).isEqualTo(200);
    }

    /** A card locked by wrong secrets (presented with its code) stays locked to its secret alone too. */
    @ParameterizedTest
    @MethodSource("endpoints")
    void aLockedCardFoundByItsSecretAloneIsRefused(SecretAloneEndpoint endpoint) {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        TestCard card = till.card("10.00", "0");
        for (int miss = 1; miss <= 5; miss++) {
            assertThat(code(till.till().get("/api/v1/cards?cardCode=" + card.code() + "&mac=wrong-" + miss)))
                    .as("wrong secret %d with the card's code", miss)
                    .isEqualTo(miss < 5 ? 602 : 610);
        }
        Api.Response locked = endpoint.lookup().apply(till.till(), card.mac());
        assertThat(locked.status()).as(locked.toString()).isEqualTo(610);
    }

    @Test
    void twentyMissesRefuseTheCredentialUntilItsWindowEnds() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        TestCard card = till.card("10.00", "0");
        SecretAloneEndpoint endpoint = ENDPOINTS.get(1);
        Api guesser = till.till();

        for (int miss = 1; miss <= 20; miss++) {
            Api.Response answer = endpoint.lookup().apply(guesser, "guess-" + miss);
            assertThat(code(answer)).as("miss %d: %s", miss, answer).isEqualTo(602);
            if (miss > 5) {
                clock.advance(Duration.ofSeconds(Math.min(1L << (miss - 6), 60)));
            }
        }
        Api.Response refused = endpoint.lookup().apply(guesser, card.mac());

        assertThat(refused.status()).as(refused.toString()).isEqualTo(613);
        assertThat(till.tenant
                        .admin()
                        .get("/api/v1/security-events?kind=CARD_SECRET_MISSES_THROTTLED")
                        .body()
                        .path("data"))
                .as("the administrators are told")
                .hasSize(1);
        clock.advance(Duration.ofMinutes(15));
        assertThat(code(endpoint.lookup().apply(guesser, card.mac())))
                .as("a new window")
                .isEqualTo(200);
    }

    @Test
    void openingCardsWithTakenSecretsCountsAsGuessing() {
        TenantFixture tenant = fixtures.tenant();
        Fixtures.Catalogue catalogue = Fixtures.catalogue(tenant);
        String taken = "taken-secret-" + Fixtures.unique("s");
        assertThat(tenant.cashier()
                        .post("/api/v1/members", Fixtures.member(catalogue, "cardMac", taken))
                        .status())
                .isEqualTo(200);

        for (int clash = 1; clash <= 6; clash++) {
            Api.Response answer =
                    tenant.cashier().post("/api/v1/members", Fixtures.member(catalogue, "cardMac", taken));
            assertThat(answer.http()).as("clash %d: %s", clash, answer).isEqualTo(409);
        }
        Map<String, Object> fresh = Fixtures.member(catalogue, "cardMac", "fresh-secret-" + Fixtures.unique("s"));
        Api.Response waiting = tenant.cashier().post("/api/v1/members", fresh);

        assertThat(waiting.status())
                .as("a secret of one's own choosing must wait too: %s", waiting)
                .isEqualTo(613);
        clock.advance(Duration.ofSeconds(2));
        assertThat(tenant.cashier().post("/api/v1/members", fresh).status()).isEqualTo(200);
    }

    /**
     * op35 refuses a new card's secret that another card of the tenant has, as op19 does: 409
     * naming {@code mac}, counted against the credential, which then waits like a guesser.
     */
    @Test
    void replacingACardWithATakenSecretCountsAsGuessing() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        TestCard other = till.card();
        TestCard card = till.card("10.00", "0");

        for (int clash = 1; clash <= 6; clash++) {
            Api.Response answer = till.replace(card, other.mac(), Fixtures.unique("RP"));
            assertThat(answer.http()).as("clash %d: %s", clash, answer).isEqualTo(409);
            assertThat(answer.data().path("field").asString()).isEqualTo("mac");
        }
        String fresh = "fresh-secret-" + Fixtures.unique("s");
        Api.Response waiting = till.replace(card, fresh, Fixtures.unique("RP"));

        assertThat(waiting.status())
                .as("a secret of one's own choosing must wait too: %s", waiting)
                .isEqualTo(613);
        assertThat(till.view(card).path("status").asInt())
                .as("the old card as it was")
                .isEqualTo(1);
        assertThat(till.real(card)).isEqualByComparingTo("10.00");
        clock.advance(Duration.ofSeconds(2));
        assertThat(till.replace(card, fresh, Fixtures.unique("RP")).status()).isEqualTo(200);
    }

    /**
     * The tenant's misses are counted across its credentials too: six keys, none of them held back
     * for long enough to stop before its 20, reach the tenant's alert (100) once between them, so
     * the administrators get one event about the tenant beside one for each credential refused.
     */
    @Test
    void missesSpreadOverATenantsCredentialsRaiseTheTenantsAlertOnce() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        List<Api> guessers = IntStream.range(0, 6)
                .mapToObj(i -> fixtures.anonymous().as(Fixtures.apiKey(till.tenant.admin(), "CASHIER", null)))
                .toList();
        SecretAloneEndpoint endpoint = ENDPOINTS.get(1);

        // round by round, so that all 120 misses fall within one 15-minute window
        for (int miss = 1; miss <= 20; miss++) {
            for (Api guesser : guessers) {
                Api.Response answer = endpoint.lookup().apply(guesser, Fixtures.unique("guess"));
                assertThat(code(answer)).as("miss %d: %s", miss, answer).isEqualTo(602);
            }
            if (miss > 5) {
                clock.advance(Duration.ofSeconds(Math.min(1L << (miss - 6), 60)));
            }
        }

        List<JsonNode> events = till.tenant
                .admin()
                .get("/api/v1/security-events?pageSize=50&kind=CARD_SECRET_MISSES_THROTTLED")
                .body()
                .path("data")
                .valueStream()
                .toList();
        List<JsonNode> tenantWide = events.stream()
                .filter(e -> e.path("subject").asString().equals("tenant"))
                .toList();
        assertThat(tenantWide).as(events.toString()).hasSize(1);
        assertThat(tenantWide.get(0).path("detail").asString()).startsWith("100 wrong card secrets");
        // 16 rounds make 96 misses: the 4th key's miss of the 17th round is the 100th
        assertThat(tenantWide.get(0).path("apiKeyId").asLong()).isEqualTo(keyId(guessers.get(3)));
        assertThat(events.stream().map(e -> e.path("subject").asString()))
                .as("and each key refused after its 20")
                .containsAll(guessers.stream().map(g -> "key:" + keyId(g)).toList())
                .hasSize(7);
    }

    @Test
    void aReplayOfASerialTellsNothingOfTheSecretItCarries() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        TestCard card = till.card("10.00", "0");
        Api.Response paid = till.pay(card, "1.00", "ORDER-R");

        Api.Response wrongSecret = till.pay(new TestCard(card.code(), "a-guess", 0), "1.00", "ORDER-R");

        assertThat(paid.status()).isEqualTo(200);
        assertThat(wrongSecret.status())
                .as("the same answer as a replay with the right secret: %s", wrongSecret)
                .isEqualTo(801);
        assertThat(till.pay(card, "1.00", "ORDER-R").status()).isEqualTo(801);
    }

    private long keyId(Api caller) {
        return fixtures.jdbc()
                .sql("select id from api_key where key_hash = encode(sha256(convert_to(:key, 'UTF8')), 'hex')")
                .param("key", caller.credential())
                .query(Long.class)
                .single();
    }

    /** The business code of an envelope, or 200 for a query's bare answer. */
    private static int code(Api.Response answer) {
        return Attack.outcome(answer);
    }
}
