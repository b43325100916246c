package com.membercard.card;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.support.Api;
import com.membercard.support.Fixtures;
import com.membercard.support.IntegrationTest;
import com.membercard.support.TestClock;
import com.membercard.support.TillFixture;
import com.membercard.support.TillFixture.TestCard;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The card's PIN (DOMAIN.md "Cards"): asked wherever money or points leave a card that has one,
 * 609 when missing or wrong, wrong ones counted with wrong secrets toward the lock (610); set and
 * changed by the member, cleared by an administrator, carried over by a replacement, never shown.
 */
@IntegrationTest
class CardPinTest {

    private static final String PIN = "246810";

    @Autowired
    Fixtures fixtures;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A card with a PIN, money, points and a refundable recharge: every operation below can act on it. */
    record Victim(TillFixture till, TestCard card, String rechargeCode, long giftId) {}

    /** The operations that take money or points off the card, each given the PIN to send (or none). */
    enum PinOperation {
        PAY {
            Api.Response send(Victim v, String pin) {
                return post(v, "/api/v1/card-payments", pin, "money", "1.00", "code", Fixtures.unique("o"));
            }
        },
        RETURN_CARD {
            Api.Response send(Victim v, String pin) {
                return post(v, "/api/v1/cards/return", pin, "paymentType", 1, "timestamp", Fixtures.unique("t"));
            }
        },
        REFUND_RECHARGE {
            Api.Response send(Victim v, String pin) {
                return post(
                        v,
                        "/api/v1/recharges/refund",
                        pin,
                        "paymentType",
                        1,
                        "rechargeCode",
                        v.rechargeCode(),
                        "timestamp",
                        Fixtures.unique("t"));
            }
        },
        REFUND_BALANCE {
            Api.Response send(Victim v, String pin) {
                return post(
                        v,
                        "/api/v1/balance-refunds",
                        pin,
                        "paymentType",
                        1,
                        "payMoney",
                        "1.00",
                        "timestamp",
                        Fixtures.unique("t"));
            }
        },
        REFUND_BALANCE_ONLINE {
            Api.Response send(Victim v, String pin) {
                return post(
                        v,
                        "/api/v1/balance-refunds/original-route",
                        pin,
                        "payMoney",
                        "1.00",
                        "timestamp",
                        Fixtures.unique("t"));
            }
        },
        REDEEM_GIFT {
            Api.Response send(Victim v, String pin) {
                return post(v, "/api/v1/gifts/redeem", pin, "giftId", v.giftId(), "timestamp", Fixtures.unique("t"));
            }
        },
        ISSUE_PAY_CODE {
            Api.Response send(Victim v, String pin) {
                Map<String, Object> body = new HashMap<>(
                        Map.of("code", v.card().code(), "mac", v.card().mac()));
                if (pin != null) {
                    body.put("password", pin);
                }
                return v.till().till().post("/api/v1/cards/pay-code", body);
            }
        },
        REPLACE_CARD {
            Api.Response send(Victim v, String pin) {
                Map<String, Object> body = new HashMap<>(Map.of(
                        "oldCardCode",
                        v.card().code(),
                        "oldMac",
                        v.card().mac(),
                        "cardCode",
                        Fixtures.unique("N"),
                        "mac",
                        "new-secret-" + Fixtures.unique("m"),
                        "timestamp",
                        Fixtures.unique("t")));
                if (pin != null) {
                    body.put("password", pin);
                }
                return v.till().till().post("/api/v1/cards/replace", body);
            }
        };

        abstract Api.Response send(Victim victim, String pin);

        private static Api.Response post(Victim v, String path, String pin, Object... fields) {
            Map<String, Object> body = new HashMap<>(
                    Map.of("cardCode", v.card().code(), "mac", v.card().mac()));
            for (int i = 0; i < fields.length; i += 2) {
                body.put((String) fields[i], fields[i + 1]);
            }
            if (pin != null) {
                body.put("password", pin);
            }
            return v.till().till().post(path, body);
        }
    }

    private Victim victim() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        TestCard card = till.cardWithPin(PIN);
        // a recharge paid by scan pay (the sandbox pays this WeChat code at once), for op27
        String scanOrder = Fixtures.unique("sp");
        Api.Response scanPaid = till.till()
                .post(
                        "/api/v1/scan-payments",
                        Map.of("payCode", "134567890123456700", "orderCode", scanOrder, "money", "10.00"));
        assertThat(scanPaid.status()).as(scanPaid.toString()).isEqualTo(200);
        Api.Response online = till.till()
                .post(
                        "/api/v1/recharges",
                        Map.of(
                                "cardCode",
                                card.code(),
                                "mac",
                                card.mac(),
                                "payMoney",
                                "10.00",
                                "giveMoney",
                                "0",
                                "details",
                                List.of(Map.of("paymentType", 3, "money", "10.00", "orderCode", scanOrder)),
                                "timestamp",
                                Fixtures.unique("rc")));
        assertThat(online.status()).as(online.toString()).isEqualTo(200);
        Api.Response recharge = till.recharge(card, "100.00", "20.00");
        assertThat(recharge.status()).as(recharge.toString()).isEqualTo(200);
        Api.Response pay = till.till()
                .post(
                        "/api/v1/card-payments",
                        Map.of(
                                "cardCode",
                                card.code(),
                                "mac",
                                card.mac(),
                                "password",
                                PIN,
                                "money",
                                "10.00",
                                "code",
                                Fixtures.unique("o")));
        assertThat(pay.status()).as(pay.toString()).isEqualTo(200);
        // a recharge the card still holds whole, for op31
        Api.Response refundable = till.recharge(card, "30.00", "0");
        assertThat(refundable.status()).as(refundable.toString()).isEqualTo(200);
        long gift = Fixtures.createdId(till.tenant
                .admin()
                .post("/api/v1/gifts", Map.of("name", Fixtures.unique("杯子"), "points", 1, "price", "1", "stock", 5)));
        return new Victim(till, card, refundable.data().path("rechargeCode").asString(), gift);
    }

    @ParameterizedTest
    @EnumSource(PinOperation.class)
    void aCardWithAPinRefusesMoneyLeavingItWithoutTheRightPin(PinOperation operation) {
        Victim victim = victim();
        JsonNode before = victim.till().view(victim.card());

        Api.Response missing = operation.send(victim, null);
        Api.Response wrong = operation.send(victim, "999999");

        assertThat(missing.status()).as(missing.toString()).isEqualTo(609);
        assertThat(missing.message()).contains("password");
        assertThat(wrong.status()).as(wrong.toString()).isEqualTo(609);
        assertThat(victim.till().view(victim.card())).as("nothing changed").isEqualTo(before);
        assertThat(failedAttempts(victim.card()))
                .as("only the wrong PIN counts")
                .isEqualTo(1);

        Api.Response right = operation.send(victim, PIN);
        assertThat(right.status()).as(right.toString()).isEqualTo(200);
        assertThat(failedAttempts(victim.card()))
                .as("the right PIN forgets the wrong one")
                .isZero();
    }

    @Test
    void moneyComingOnAndReadsNeedNoPin() {
        Victim victim = victim();
        TestCard card = victim.card();

        assertThat(victim.till().recharge(card, "5.00", "0").status()).isEqualTo(200);
        assertThat(victim.till()
                        .till()
                        .get("/api/v1/cards/pay-info?cardCode=" + card.code() + "&mac=" + card.mac())
                        .status())
                .isEqualTo(200);
        assertThat(victim.till().view(card).path("password").asString())
                .as("op08 never shows the PIN")
                .isEmpty();
    }

    @Test
    void aPaymentCodeIssuedWithThePinPaysWithoutIt() {
        Victim victim = victim();
        String payCode = PinOperation.ISSUE_PAY_CODE.send(victim, PIN).data().asString();

        Api.Response pay = victim.till()
                .till()
                .post("/api/v1/card-payments", Map.of("mac", payCode, "money", "2.00", "code", Fixtures.unique("o")));

        assertThat(pay.status()).as(pay.toString()).isEqualTo(200);
    }

    @Test
    void wrongPinsAndWrongSecretsLockTheCardTogetherUntilTheWindowHasPassed() {
        Victim victim = victim();
        TestCard card = victim.card();
        for (int i = 0; i < 3; i++) {
            assertThat(PinOperation.PAY.send(victim, "000000").status()).isEqualTo(609);
        }
        assertThat(victim.till()
                        .pay(new TestCard(card.code(), "wrong-secret", 0), "1.00", Fixtures.unique("o"))
                        .status())
                .isEqualTo(602);

        assertThat(PinOperation.PAY.send(victim, "000000").status())
                .as("the fifth failure locks")
                .isEqualTo(610);
        assertThat(PinOperation.PAY.send(victim, PIN).status())
                .as("even the right PIN, while locked")
                .isEqualTo(610);
        assertThat(victim.till()
                        .till()
                        .get("/api/v1/cards/pay-info?cardCode=" + card.code() + "&mac=" + card.mac())
                        .status())
                .isEqualTo(610);

        clock.advance(Duration.ofMinutes(16));
        assertThat(PinOperation.PAY.send(victim, PIN).status())
                .as("the lock ends on the service's clock")
                .isEqualTo(200);
    }

    @Test
    void theMemberSetsAPinWithTheSecretAndChangesItWithTheOldOne() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        TestCard card = till.card("50.00", "0");
        Api cashier = till.till();

        Api.Response set = changePin(cashier, card, null, "1357", "S-1");
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(till.pay(card, "1.00", Fixtures.unique("o")).status())
                .as("now asked for")
                .isEqualTo(609);
        assertThat(changePin(cashier, card, null, "1357", "S-1").status())
                .as("the same serial again")
                .isEqualTo(801);

        assertThat(changePin(cashier, card, null, "8642", "S-2").status())
                .as("changing it needs the old PIN")
                .isEqualTo(609);
        assertThat(changePin(cashier, card, "0000", "8642", "S-3").status()).isEqualTo(609);
        assertThat(changePin(cashier, card, "1357", "8642", "S-4").status()).isEqualTo(200);

        Map<String, Object> oldPin =
                Map.of("cardCode", card.code(), "mac", card.mac(), "password", "1357", "money", "1.00", "code", "O-1");
        assertThat(cashier.post("/api/v1/card-payments", oldPin).status()).isEqualTo(609);
        Map<String, Object> newPin = new HashMap<>(oldPin);
        newPin.put("password", "8642");
        assertThat(cashier.post("/api/v1/card-payments", newPin).status()).isEqualTo(200);

        assertThat(jdbc.sql("select count(*) from card_event where kind in ('PIN_SET', 'PIN_CHANGED')"
                                + " and card_id = (select id from card where code = :code)")
                        .param("code", card.code())
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(jdbc.sql("select pin_hash from card where code = :code")
                        .param("code", card.code())
                        .query(String.class)
                        .single())
                .as("only a slow hash is kept")
                .doesNotContain("8642")
                .startsWith("$2a$10$");
    }

    @Test
    void settingAPinNeedsTheRightSecretAndADigitPin() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        TestCard card = till.card("50.00", "0");

        Api.Response wrongSecret = changePin(till.till(), new TestCard(card.code(), "not-it", 0), null, "1357", "S-1");
        Api.Response letters = changePin(till.till().inEnglish(), card, null, "12ab", "S-2");
        Api.Response tooShort = changePin(till.till(), card, null, "123", "S-3");

        assertThat(wrongSecret.status()).isEqualTo(602);
        assertThat(letters.http()).isEqualTo(400);
        assertThat(letters.message()).startsWith("password");
        assertThat(tooShort.http()).isEqualTo(400);
        assertThat(till.pay(card, "1.00", Fixtures.unique("o")).status())
                .as("no PIN was set")
                .isEqualTo(200);
    }

    @Test
    void anAdministratorClearsAForgottenPinAndACashierMayNot() {
        Victim victim = victim();
        Map<String, Object> clear =
                Map.of("cardCode", victim.card().code(), "remark", "会员持身份证到店", "timestamp", Fixtures.unique("c"));

        assertThat(victim.till().till().post("/api/v1/cards/pin/clear", clear).http())
                .isEqualTo(403);
        assertThat(PinOperation.PAY.send(victim, null).status()).isEqualTo(609);

        assertThat(victim.till()
                        .tenant
                        .admin()
                        .post("/api/v1/cards/pin/clear", clear)
                        .status())
                .isEqualTo(200);
        assertThat(PinOperation.PAY.send(victim, null).status()).isEqualTo(200);
        JsonNode cleared = victim.till()
                .tenant
                .admin()
                .get("/api/v1/security-events?kind=CARD_PIN_CLEARED")
                .body()
                .path("data");
        assertThat(cleared).hasSize(1);
        assertThat(cleared.get(0).path("subject").asString())
                .isEqualTo(victim.card().code());
    }

    @Test
    void aReplacementKeepsThePin() {
        Victim victim = victim();
        String newCode = Fixtures.unique("N");
        String newMac = "new-secret-" + Fixtures.unique("m");
        Api.Response replaced = victim.till()
                .till()
                .post(
                        "/api/v1/cards/replace",
                        Map.of(
                                "oldCardCode",
                                victim.card().code(),
                                "oldMac",
                                victim.card().mac(),
                                "password",
                                PIN,
                                "cardCode",
                                newCode,
                                "mac",
                                newMac,
                                "timestamp",
                                Fixtures.unique("t")));
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        TestCard fresh = new TestCard(newCode, newMac, victim.card().memberId());

        assertThat(victim.till().pay(fresh, "1.00", Fixtures.unique("o")).status())
                .isEqualTo(609);
        assertThat(PinOperation.PAY
                        .send(new Victim(victim.till(), fresh, null, 0), PIN)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void thePinNeverEntersTheStoredRequestHashOrAnyAnswer() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        TestCard card = till.card("50.00", "0");
        String serial = Fixtures.unique("S");
        Api.Response set = changePin(till.till(), card, null, "97531", serial);

        assertThat(set.raw()).doesNotContain("97531");
        Api.Response replayWithAnotherPin = changePin(till.till(), card, null, "11111", serial);
        assertThat(replayWithAnotherPin.status())
                .as("the PIN is not part of what makes two requests the same")
                .isEqualTo(801);
    }

    private static Api.Response changePin(Api till, TestCard card, String oldPin, String pin, String serial) {
        Map<String, Object> body =
                new HashMap<>(Map.of("cardCode", card.code(), "mac", card.mac(), "password", pin, "timestamp", serial));
        if (oldPin != null) {
            body.put("oldPassword", oldPin);
        }
        return till.post("/api/v1/cards/pin", body);
    }

    private long failedAttempts(TestCard card) {
        return jdbc.sql("select failed_secret_attempts from card where code = :code")
                .param("code", card.code())
                .query(Long.class)
                .single();
    }
}
