package com.membercard.reliability.attack;

import static com.membercard.reliability.attack.Attack.secret;
import static com.membercard.reliability.attack.Attack.with;
import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * A serial (流水号) belongs to its tenant. When tenant B sends a serial that tenant A has used, for
 * every command that takes one: B never gets A's stored answer back as 801. Sent with A's very body
 * (A's card), it is refused as an unknown card; sent with B's own card, it runs as B's own command.
 * Either way A's rows do not change, and nothing B sees contains A's canary.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SerialReuseAttackTest {

    /**
     * A command with a serial, and a body for it on a fresh card of a tenant, prepared so that it
     * succeeds; {@code foreignRefusal} is what another tenant sending that body gets (602: no such
     * card; 404 for op26, whose body names an order, not a card).
     */
    record SerialCommand(String path, BiFunction<TargetTenant, String, Map<String, Object>> body, int foreignRefusal) {

        SerialCommand(String path, BiFunction<TargetTenant, String, Map<String, Object>> body) {
            this(path, body, 602);
        }

        @Override
        public String toString() {
            return "POST " + path;
        }
    }

    @Autowired
    Fixtures fixtures;

    TargetTenant a;
    TargetTenant b;

    @BeforeAll
    void twoTenants() {
        a = TargetTenant.create(fixtures);
        b = TargetTenant.create(fixtures);
    }

    static List<SerialCommand> serialCommands() {
        return List.of(
                new SerialCommand(
                        "/api/v1/card-payments",
                        (tenant, serial) -> with(moneyCard(tenant), "money", "1.00", "code", serial)),
                new SerialCommand("/api/v1/card-payments/refund", (tenant, serial) -> {
                    TestCard card = tenant.newCard("20.00", "0");
                    assertThat(tenant.till.pay(card, "2.00", serial).status()).isEqualTo(200);
                    return with(secret(card), "money", "1.00", "code", serial);
                }),
                new SerialCommand(
                        "/api/v1/recharges",
                        (tenant, serial) -> with(
                                moneyCard(tenant),
                                "payMoney",
                                "1.00",
                                "details",
                                List.of(Map.of("paymentType", 1, "money", "1.00")),
                                "timestamp",
                                serial)),
                new SerialCommand("/api/v1/recharges/refund", (tenant, serial) -> {
                    TestCard card = tenant.newCard("20.00", "0");
                    String rechargeCode = tenant.till
                            .recharge(card, "5.00", "0")
                            .data()
                            .path("rechargeCode")
                            .asString();
                    return with(secret(card), "paymentType", 1, "rechargeCode", rechargeCode, "timestamp", serial);
                }),
                new SerialCommand(
                        "/api/v1/balance-refunds",
                        (tenant, serial) ->
                                with(moneyCard(tenant), "paymentType", 1, "payMoney", "1.00", "timestamp", serial)),
                new SerialCommand("/api/v1/scan-payments/refund", SerialReuseAttackTest::scanRefund, 404),
                new SerialCommand("/api/v1/balance-refunds/original-route", (tenant, serial) -> {
                    TestCard card = tenant.newCard(null, null);
                    String order = Fixtures.unique("scan");
                    assertThat(tenant.cashier()
                                    .post(
                                            "/api/v1/scan-payments",
                                            Map.of(
                                                    "payCode",
                                                    "134567890123456700",
                                                    "orderCode",
                                                    order,
                                                    "money",
                                                    "4.00"))
                                    .status())
                            .isEqualTo(200);
                    assertThat(tenant.cashier()
                                    .post(
                                            "/api/v1/recharges",
                                            with(
                                                    secret(card),
                                                    "payMoney",
                                                    "4.00",
                                                    "details",
                                                    List.of(Map.of(
                                                            "paymentType", 3, "money", "4.00", "orderCode", order)),
                                                    "timestamp",
                                                    Fixtures.unique("rc")))
                                    .status())
                            .isEqualTo(200);
                    return with(secret(card), "payMoney", "1.00", "timestamp", serial);
                }),
                new SerialCommand(
                        "/api/v1/cards/return",
                        (tenant, serial) -> with(moneyCard(tenant), "paymentType", 1, "timestamp", serial)),
                new SerialCommand(
                        "/api/v1/cards/report-loss",
                        (tenant, serial) ->
                                Map.of("cardCode", tenant.newCard(null, null).code(), "timestamp", serial)),
                new SerialCommand("/api/v1/cards/cancel-loss", (tenant, serial) -> {
                    TestCard card = tenant.newCard(null, null);
                    tenant.cashier()
                            .post(
                                    "/api/v1/cards/report-loss",
                                    Map.of("cardCode", card.code(), "timestamp", Fixtures.unique("lost")));
                    return with(secret(card), "timestamp", serial);
                }),
                new SerialCommand("/api/v1/cards/replace", (tenant, serial) -> {
                    TestCard old = tenant.newCard("5.00", "0");
                    return Map.of(
                            "cardCode",
                            Fixtures.unique(tenant.canary + "-"),
                            "mac",
                            Fixtures.unique("secret"),
                            "oldCardCode",
                            old.code(),
                            "oldMac",
                            old.mac(),
                            "timestamp",
                            serial);
                }),
                new SerialCommand(
                        "/api/v1/cards/void",
                        (tenant, serial) ->
                                Map.of("cardCode", tenant.newCard(null, null).code(), "timestamp", serial)),
                new SerialCommand("/api/v1/gifts/redeem", (tenant, serial) -> {
                    TestCard card = tenant.newCard("200.00", "0");
                    assertThat(tenant.till
                                    .pay(card, "100.00", Fixtures.unique("earn"))
                                    .status())
                            .isEqualTo(200);
                    return with(secret(card), "giftId", tenant.giftId(), "timestamp", serial);
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serialCommands")
    void anotherTenantReusingASerialNeverGetsTheFirstTenantsAnswer(SerialCommand command) {
        String serial = Fixtures.unique("serial");
        Map<String, Object> ofA = command.body().apply(a, serial);
        Api.Response first = a.cashier().post(command.path(), ofA);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(a.cashier().post(command.path(), ofA).status())
                .as("A's own retry is recognised")
                .isEqualTo(801);
        Map<String, String> before = a.state();

        Api.Response replayOfA = b.cashier().post(command.path(), ofA);
        Api.Response ownOfB = b.cashier().post(command.path(), command.body().apply(b, serial));

        assertThat(replayOfA.status())
                .as("A's body under A's serial, by B: %s", replayOfA)
                .isEqualTo(command.foreignRefusal());
        assertThat(ownOfB.status())
                .as("B's own body under A's serial: %s", ownOfB)
                .isEqualTo(200);
        assertThat(replayOfA.raw() + ownOfB.raw()).as("what B sees").doesNotContain(a.canary);
        assertThat(a.state()).as("A's rows").isEqualTo(before);
    }

    /** op26's body: a refund of a fresh scan payment of the tenant. */
    private static Map<String, Object> scanRefund(TargetTenant tenant, String serial) {
        String order = Fixtures.unique("scan");
        assertThat(tenant.cashier()
                        .post(
                                "/api/v1/scan-payments",
                                Map.of("payCode", "134567890123456700", "orderCode", order, "money", "3.00"))
                        .status())
                .isEqualTo(200);
        return Map.of("orderCode", order, "money", "1.00", "timestamp", serial);
    }

    /** A fresh card holding money, with its secret. */
    private static Map<String, Object> moneyCard(TargetTenant tenant) {
        return secret(tenant.newCard("20.00", "0"));
    }
}
