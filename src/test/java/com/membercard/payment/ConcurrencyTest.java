package com.membercard.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.support.Api;
import com.membercard.support.Concurrently;
import com.membercard.support.Fixtures;
import com.membercard.support.IntegrationTest;
import com.membercard.support.TillFixture;
import com.membercard.support.TillFixture.TestCard;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** One test per concurrency hazard of the money path (the reconciliation after each proves the ledger). */
@IntegrationTest
class ConcurrencyTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    DataSource dataSource;

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

    /**
     * Twins that each paid would find the card empty (605): only a twin that waits for the first and
     * then sees its record answers 801, so this fails if the serial's lookup ran before its lock.
     */
    @Test
    void twinsOfAPaymentOfTheWholeBalanceAreAllAnsweredWithTheFirstAnswer() throws Exception {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        TestCard card = till.card("10.00", "0");

        List<Api.Response> answers = Concurrently.run(10, i -> till.pay(card, "10.00", "WHOLE-BALANCE"));

        assertThat(answers).extracting(Api.Response::status).containsOnly(200, 801);
        assertThat(answers.stream().filter(a -> a.status() == 200)).hasSize(1);
        assertThat(till.real(card)).isEqualByComparingTo("0.00");
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

    /**
     * Holds card A's row lock in a transaction of its own, as a slow payment on A would. A payment on
     * A must then wait (so the test can see a lock), and one on B must go through meanwhile: a lock
     * wider than the card (a table lock, a global mutex, a hot row taken before the card's) would hold
     * B behind A and fail here.
     */
    @Test
    void paymentsOnDifferentCardsDoNotWaitForEachOther() throws Exception {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        TestCard a = till.card("10.00", "0");
        TestCard b = till.card("10.00", "0");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock =
                    holder.prepareStatement("select id from card where tenant_id = ? and code = ? for update")) {
                lock.setLong(1, till.tenant.id());
                lock.setString(2, a.code());
                assertThat(lock.executeQuery().next()).isTrue();
            }

            Future<Api.Response> onA = pool.submit(() -> till.pay(a, "4.00", "HELD-A"));
            awaitABackendWaitingForALock(till.tenant.id());
            Api.Response onB = CompletableFuture.supplyAsync(() -> till.pay(b, "4.00", "FREE-B"))
                    .get(10, TimeUnit.SECONDS);

            assertThat(onB.status()).as(onB.toString()).isEqualTo(200);
            assertThat(onA).as("the payment on the held card waits").isNotDone();
            holder.rollback();
            assertThat(onA.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        } finally {
            pool.shutdownNow();
        }
        assertThat(till.real(a)).isEqualByComparingTo("6.00");
        assertThat(till.real(b)).isEqualByComparingTo("6.00");
    }

    /** Until a session on the tenant's node waits on a lock: the payment on the held card reached it. */
    private void awaitABackendWaitingForALock(long tenantId) throws InterruptedException {
        JdbcClient jdbc = fixtures.nodeOf(tenantId);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (jdbc.sql("select count(*) from pg_stat_activity where wait_event_type = 'Lock'")
                        .query(Long.class)
                        .single()
                == 0) {
            assertThat(System.nanoTime())
                    .as("a payment waiting for the card's lock")
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
