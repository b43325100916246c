package com.membercard.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.support.Api;
import com.membercard.support.Fixtures;
import com.membercard.support.IntegrationTest;
import com.membercard.support.TestClock;
import com.membercard.support.TillFixture;
import com.membercard.support.TillFixture.TestCard;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** op21–op24 and op39: pay info, paying with the card, refunds, payment codes. */
@IntegrationTest
class CardPaymentTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void op23SplitsProportionallyEarnsPointsAndAnswersPayInfoAfter() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 10, 365);
        TestCard card = till.card("80.00", "20.00");

        Api.Response answer = till.pay(card, "25.00", "ORDER-1");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.data().propertyNames())
                .containsExactlyInAnyOrder("cardCode", "balance", "discount", "canMemberPrice");
        assertThat(answer.data().path("balance").decimalValue()).isEqualByComparingTo("75.00");
        assertThat(answer.data().path("discount").decimalValue()).isEqualByComparingTo("0.88");
        assertThat(till.real(card)).isEqualByComparingTo("60.00");
        assertThat(till.gift(card)).isEqualByComparingTo("15.00");
        assertThat(till.points(card)).isEqualTo(2);
        JsonNode view = till.view(card);
        assertThat(view.path("actualExpense").decimalValue()).isEqualByComparingTo("20.00");
        assertThat(view.path("giveExpense").decimalValue()).isEqualByComparingTo("5.00");
        assertThat(view.path("pointsDisabledDate").asString()).isNotBlank();
    }

    @Test
    void realFirstAndGiftFirstTakeFromOnePotFirst() {
        TillFixture realFirst = TillFixture.create(fixtures, "REAL_FIRST", 0, 0);
        TestCard a = realFirst.card("10.00", "20.00");
        realFirst.pay(a, "15.00", "R-1");
        assertThat(realFirst.real(a)).isEqualByComparingTo("0");
        assertThat(realFirst.gift(a)).isEqualByComparingTo("15.00");

        TillFixture giftFirst = TillFixture.create(fixtures, "GIFT_FIRST", 0, 0);
        TestCard b = giftFirst.card("10.00", "20.00");
        giftFirst.pay(b, "25.00", "G-1");
        assertThat(giftFirst.real(b)).isEqualByComparingTo("5.00");
        assertThat(giftFirst.gift(b)).isEqualByComparingTo("0");
    }

    @Test
    void aPaymentBeyondTheBalanceIsRefusedWith605AndChangesNothing() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        TestCard card = till.card("10.00", "0");

        Api.Response answer = till.pay(card, "10.01", "ORDER-X");

        assertThat(answer.status()).isEqualTo(605);
        assertThat(till.real(card)).isEqualByComparingTo("10.00");
        assertThat(till.pay(card, "10.00", "ORDER-X").status())
                .as("the failed serial is free")
                .isEqualTo(200);
    }

    @Test
    void theSameOrderAgainAnswers801WithTheFirstAnswerAndTakesNothing() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        TestCard card = till.card("50.00", "0");
        Api.Response first = till.pay(card, "20.00", "ORDER-2");

        Api.Response again = till.pay(card, "20.00", "ORDER-2");
        Api.Response other = till.pay(card, "21.00", "ORDER-2");

        assertThat(again.status()).isEqualTo(801);
        assertThat(again.data()).isEqualTo(first.data());
        assertThat(other.status()).isEqualTo(409);
        assertThat(till.real(card)).isEqualByComparingTo("30.00");
    }

    @Test
    void aWrongSecretAnswers602AndFiveLockTheCard() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        TestCard card = till.card("50.00", "0");
        TestCard wrong = new TestCard(card.code(), "not-the-secret", card.memberId());

        for (int i = 0; i < 4; i++) {
            assertThat(till.pay(wrong, "1.00", "W-" + i).status()).isEqualTo(602);
        }
        assertThat(till.pay(wrong, "1.00", "W-4").status()).isEqualTo(610);
        assertThat(till.pay(card, "1.00", "W-5").status())
                .as("locked even for the right secret")
                .isEqualTo(610);
        assertThat(till.real(card)).isEqualByComparingTo("50.00");
    }

    @Test
    void lostVoidAndReturnedCardsRefuseMoneyWithTheirCodes() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        TestCard lost = till.card("5.00", "0");
        till.till().post("/api/v1/cards/report-loss", Map.of("cardCode", lost.code(), "timestamp", "L-1"));
        TestCard returned = till.card("5.00", "0");
        till.till()
                .post(
                        "/api/v1/cards/return",
                        Map.of(
                                "cardCode",
                                returned.code(),
                                "mac",
                                returned.mac(),
                                "paymentType",
                                1,
                                "timestamp",
                                "RT-1"));
        TestCard voided = till.card();
        till.till().post("/api/v1/cards/void", Map.of("cardCode", voided.code()));

        assertThat(till.pay(lost, "1.00", "S-1").status()).isEqualTo(603);
        assertThat(till.pay(returned, "1.00", "S-2").status()).isEqualTo(601);
        assertThat(till.pay(voided, "1.00", "S-3").status()).isEqualTo(604);
        assertThat(till.recharge(lost, "1.00", "0").status()).isEqualTo(603);
        assertThat(till.real(lost)).isEqualByComparingTo("5.00");
    }

    @Test
    void op24RefundsInTheSameSplitAndTakesBackThePointsOfTheRefundedPart() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 10, 0);
        TestCard card = till.card("75.00", "25.00");
        till.pay(card, "100.00", "ORDER-3");
        assertThat(till.points(card)).isEqualTo(10);

        Api.Response part = till.refund(card, "40.00", "ORDER-3", "REFUND-3a");

        assertThat(part.status()).isEqualTo(200);
        assertThat(till.real(card)).isEqualByComparingTo("30.00");
        assertThat(till.gift(card)).isEqualByComparingTo("10.00");
        assertThat(till.points(card)).as("60 kept earns 6").isEqualTo(6);

        assertThat(till.refund(card, "60.00", "ORDER-3", "REFUND-3b").status()).isEqualTo(200);
        assertThat(till.real(card)).isEqualByComparingTo("75.00");
        assertThat(till.gift(card)).isEqualByComparingTo("25.00");
        assertThat(till.points(card)).isZero();
        assertThat(till.view(card).path("totalExpense").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void refundsOfAnOrderNeverExceedWhatItPaid() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 0, 0);
        TestCard card = till.card("100.00", "0");
        till.pay(card, "30.00", "ORDER-4");
        till.refund(card, "20.00", "ORDER-4", "R4a");

        Api.Response tooMuch = till.refund(card, "10.01", "ORDER-4", "R4b");

        assertThat(tooMuch.status()).isEqualTo(612);
        assertThat(till.real(card)).isEqualByComparingTo("90.00");
        assertThat(till.refund(card, "1.00", "NO-SUCH-ORDER", null).status()).isEqualTo(404);
    }

    @Test
    void aRefundWhosePointsWereSpentRecordsTheShortfall() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        long giftId = Fixtures.createdId(
                till.tenant.admin().post("/api/v1/gifts", Map.of("name", "杯子", "points", 8, "price", "1")));
        TestCard card = till.card("10.00", "0");
        till.pay(card, "10.00", "ORDER-5");
        till.till()
                .post(
                        "/api/v1/gifts/redeem",
                        Map.of("cardCode", card.code(), "mac", card.mac(), "giftId", giftId, "timestamp", "GIFT-5"));

        assertThat(till.refund(card, "10.00", "ORDER-5", null).status()).isEqualTo(200);

        assertThat(till.points(card)).isZero();
        long shortfall =
                fixtures.jdbc().sql("""
                        select points_shortfall from ledger_entry e join card c on c.id = e.card_id
                        where c.code = ? and e.kind = 'POINTS_REVERSE'""").param(card.code()).query(Long.class).single();
        assertThat(shortfall).isEqualTo(8);
    }

    @Test
    void op21AndOp22AnswerPayInfoWithoutChangingAnything() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        TestCard card = till.card("12.34", "0");

        Api.Response byCode = till.till().get("/api/v1/cards/pay-info?cardCode=" + card.code() + "&mac=" + card.mac());
        Api.Response bySecret = till.till().get("/api/v1/cards/pay-info/by-mac?mac=" + card.mac());

        assertThat(byCode.status()).isEqualTo(200);
        assertThat(byCode.data().path("balance").decimalValue()).isEqualByComparingTo("12.34");
        assertThat(byCode.data().path("cardCode").asString()).isEqualTo(card.code());
        assertThat(bySecret.data()).isEqualTo(byCode.data());
        assertThat(till.till()
                        .get("/api/v1/cards/pay-info?cardCode=" + card.code() + "&mac=wrong")
                        .status())
                .isEqualTo(602);
    }

    @Test
    void aPaymentCodeWorksOnceWithin60SecondsInPlaceOfTheSecret() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        TestCard card = till.card("50.00", "0");
        Api.Response issued =
                till.till().post("/api/v1/cards/pay-code", Map.of("code", card.code(), "mac", card.mac()));
        String code = issued.data().asString();
        assertThat(code).hasSize(18).startsWith("88").containsOnlyDigits();

        assertThat(till.till()
                        .get("/api/v1/cards/pay-info/by-mac?mac=" + code)
                        .data()
                        .path("cardCode")
                        .asString())
                .isEqualTo(card.code());
        Api.Response paid =
                till.till().post("/api/v1/card-payments", Map.of("mac", code, "money", "5.00", "code", "PC-1"));
        Api.Response reused =
                till.till().post("/api/v1/card-payments", Map.of("mac", code, "money", "5.00", "code", "PC-2"));
        Api.Response retried =
                till.till().post("/api/v1/card-payments", Map.of("mac", code, "money", "5.00", "code", "PC-1"));

        assertThat(paid.status()).isEqualTo(200);
        assertThat(reused.status()).isEqualTo(606);
        assertThat(retried.status())
                .as("a retry of the first learns it went through")
                .isEqualTo(801);
        assertThat(till.real(card)).isEqualByComparingTo("45.00");
    }

    @Test
    void aPaymentCodeExpiresAfter60SecondsOnTheServicesClock() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        TestCard card = till.card("50.00", "0");
        String code = till.till()
                .post("/api/v1/cards/pay-code", Map.of("code", card.code(), "mac", card.mac()))
                .data()
                .asString();
        clock.advance(Duration.ofSeconds(55));
        assertThat(till.till().get("/api/v1/cards/pay-info/by-mac?mac=" + code).status())
                .isEqualTo(200);
        clock.advance(Duration.ofSeconds(6));

        assertThat(till.till().get("/api/v1/cards/pay-info/by-mac?mac=" + code).status())
                .isEqualTo(606);
        assertThat(till.till()
                        .post("/api/v1/card-payments", Map.of("mac", code, "money", "1.00", "code", "PC-3"))
                        .status())
                .isEqualTo(606);
    }

    @Test
    void badPaymentInputIsRefusedNamingTheField() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        TestCard card = till.card("50.00", "0");
        Object[][] cases = {
            {"money", "0"},
            {"money", "-1.00"},
            {"money", "1.001"},
            {"money", "100000000.00"},
            {"money", "ten"},
            {"code", ""},
            {"code", "x".repeat(65)},
            {"mac", ""}
        };
        for (Object[] bad : cases) {
            Map<String, Object> body = new java.util.HashMap<>(
                    Map.of("cardCode", card.code(), "mac", card.mac(), "money", "1.00", "code", Fixtures.unique("B")));
            body.put((String) bad[0], bad[1]);

            Api.Response answer = till.till().post("/api/v1/card-payments", body);

            assertThat(answer.status()).as("%s=%s", bad[0], bad[1]).isEqualTo(400);
            assertThat(answer.data().path("field").asString()).isEqualTo(bad[0]);
        }
        assertThat(till.real(card)).isEqualByComparingTo("50.00");
        assertThat(till.till()
                        .post(
                                "/api/v1/card-payments",
                                Map.of("cardCode", "NO-SUCH", "mac", "x", "money", "1", "code", "U-1"))
                        .status())
                .isEqualTo(602);
    }
}
