package com.membercard.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.support.Api;
import com.membercard.support.Concurrently;
import com.membercard.support.Fixtures;
import com.membercard.support.IntegrationTest;
import com.membercard.support.TillFixture;
import com.membercard.support.TillFixture.TestCard;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** One test per concurrency hazard of the money path (the reconciliation after each proves the ledger). */
@IntegrationTest
class ConcurrencyTest {

    @Autowired
    Fixtures fixtures;

    @Test
    void thirtyConcurrentPaymentsOfTenOnACardHoldingAHundredLetExactlyTenThrough() throws Exception {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        TestCard card = till.card("100.00", "0");

        List<Api.Response> answers = Concurrently.run(30, i -> till.pay(card, "10.00", "RACE-" + i));

        assertThat(answers.stream().filter(a -> a.status() == 200)).hasSize(10);
        assertThat(answers.stream().filter(a -> a.status() == 605)).hasSize(20);
        assertThat(till.view(card).path("balance").decimalValue()).isZero();
    }

    @Test
    void tenConcurrentRequestsWithOneSerialMakeOnePayment() throws Exception {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        TestCard card = till.card("100.00", "0");

        List<Api.Response> answers = Concurrently.run(10, i -> till.pay(card, "10.00", "ONE-ORDER"));

        assertThat(answers.stream().filter(a -> a.status() == 200)).hasSize(1);
        assertThat(answers.stream().filter(a -> a.status() == 801)).hasSize(9);
        assertThat(till.real(card)).isEqualByComparingTo("90.00");
    }

    @Test
    void concurrentPaymentsRefundsAndRechargesOnOneCardKeepTheLedgerWhole() throws Exception {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        TestCard card = till.card("100.00", "50.00");
        for (int i = 0; i < 10; i++) {
            till.pay(card, "5.00", "PAID-" + i);
        }

        List<Api.Response> answers = Concurrently.run(30, i -> switch (i % 3) {
            case 0 -> till.pay(card, "3.00", "MIX-PAY-" + i);
            case 1 -> till.refund(card, "5.00", "PAID-" + (i / 3), null);
            default -> till.recharge(card, "7.00", "1.00");
        });

        assertThat(answers)
                .allSatisfy(a -> assertThat(a.status()).as(a.toString()).isEqualTo(200));
        // 150 − 50 paid + 50 refunded − 30 paid + 80 recharged
        assertThat(till.view(card).path("balance").decimalValue()).isEqualByComparingTo("200.00");
    }

    @Test
    void paymentsOnDifferentCardsDoNotWaitForEachOther() throws Exception {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        List<TestCard> cards = java.util.stream.IntStream.range(0, 8)
                .mapToObj(i -> till.card("10.00", "0"))
                .toList();

        List<Api.Response> answers = Concurrently.run(8, i -> till.pay(cards.get(i), "10.00", "EACH-" + i));

        assertThat(answers).allSatisfy(a -> assertThat(a.status()).isEqualTo(200));
        assertThat(cards).allSatisfy(card -> assertThat(till.real(card)).isZero());
    }
}
