package com.membercard.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.ledger.PointsExpiryJob;
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

/** op37 and the points' life: lots, first to expire first, never from an expired lot, the expiry job. */
@IntegrationTest
class PointsAndGiftsTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    PointsExpiryJob expiry;

    @Autowired
    TestClock clock;

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    @Test
    void aGiftSpendsPointsAndStockAndRefusesWithItsCodes() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        TestCard card = till.card("200.00", "0");
        till.pay(card, "200.00", "EARN-200");
        long cup = gift(till, Map.of("name", "杯子", "points", 60, "price", "5", "stock", 1));
        long offShelf = gift(till, Map.of("name", "下架", "points", 1, "price", "1", "inUse", false));
        long foreign = gift(
                TillFixture.create(fixtures, "PROPORTIONAL", 1, 0), Map.of("name", "别家", "points", 1, "price", "1"));

        assertThat(redeem(till, card, cup, "G-1").status()).isEqualTo(200);
        assertThat(till.points(card)).isEqualTo(140);
        assertThat(till.view(card).path("usedPoints").asLong()).isEqualTo(60);
        assertThat(redeem(till, card, cup, "G-2").status()).as("out of stock").isEqualTo(1002);
        assertThat(redeem(till, card, offShelf, "G-3").status()).isEqualTo(608);
        assertThat(redeem(till, card, foreign, "G-4").status()).isEqualTo(608);
        long big = gift(till, Map.of("name", "大礼", "points", 141, "price", "50"));
        assertThat(redeem(till, card, big, "G-5").status()).isEqualTo(607);
        assertThat(till.points(card)).isEqualTo(140);
        assertThat(redeem(till, card, cup, "G-1").status())
                .as("a retry of the first")
                .isEqualTo(801);
    }

    @Test
    void expiredPointsCannotBeSpentEvenBeforeTheJobAndTheJobSweepsThemOnce() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 30);
        TestCard card = till.card("100.00", "0");
        till.pay(card, "50.00", "OLD-POINTS");
        clock.advance(Duration.ofDays(20));
        till.pay(card, "20.00", "NEW-POINTS");
        clock.advance(Duration.ofDays(11));
        long cheap = gift(till, Map.of("name", "贴纸", "points", 21, "price", "1"));

        assertThat(redeem(till, card, cheap, "E-1").status())
                .as("only the 20 new points are usable")
                .isEqualTo(607);

        assertThat(expiry.sweep()).isGreaterThanOrEqualTo(1);
        assertThat(till.points(card)).isEqualTo(20);
        assertThat(expiry.sweep()).as("a second sweep finds nothing left").isZero();
        assertThat(till.points(card)).isEqualTo(20);
        assertThat(till.view(card).path("totalPoints").asLong())
                .as("ever earned")
                .isEqualTo(70);
    }

    @Test
    void spendingTakesTheLotThatExpiresFirstNotTheOldest() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 30);
        TestCard card = till.card("100.00", "0");
        till.pay(card, "10.00", "LOT-A");
        Map<String, Object> shortLived = new java.util.HashMap<>(Fixtures.cardClass("储值卡"));
        shortLived.put("pointsValidDays", 5);
        till.tenant.admin().put("/api/v1/card-classes/" + till.classId, shortLived);
        till.pay(card, "10.00", "LOT-B");
        long gift = gift(till, Map.of("name", "糖", "points", 10, "price", "1"));

        redeem(till, card, gift, "FIFO-1");
        clock.advance(Duration.ofDays(6));

        assertThat(expiry.sweep())
                .as("LOT-B was spent, so nothing of it is left to expire")
                .isZero();
        assertThat(till.points(card)).isEqualTo(10);
    }

    private static long gift(TillFixture till, Map<String, Object> body) {
        return Fixtures.createdId(till.tenant.admin().post("/api/v1/gifts", body));
    }

    private static Api.Response redeem(TillFixture till, TestCard card, long giftId, String serial) {
        return till.till()
                .post(
                        "/api/v1/gifts/redeem",
                        Map.of("cardCode", card.code(), "mac", card.mac(), "giftId", giftId, "timestamp", serial));
    }
}
