package com.membercard.reliability.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.shared.jdbc.TenantNode;
import com.membercard.support.Api;
import com.membercard.support.Fixtures;
import com.membercard.support.IntegrationTest;
import com.membercard.support.TestClock;
import com.membercard.support.TillFixture;
import com.membercard.support.TillFixture.TestCard;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Guesses sent all at once must be decided one at a time, each on the count of those before it: a
 * burst of wrong secrets at one card compares no more than five before the card locks, and a burst
 * of secret-alone lookups from one credential that must wait lets one through. Each burst is made
 * certain by holding the row its requests queue on until all of them are waiting; without the counts
 * written under that row's lock, every guess of the burst would be compared against the count before
 * it. (The right secret is presented only after a burst: PostgreSQL does not grant a row's waiters
 * strictly in turn, and a right secret that overtakes wrong ones forgets them, as it should.)
 */
@IntegrationTest
class GuessBurstTest {

    private static final int BURST = 8;

    /** A way to present a card's code and a secret. */
    record Presentation(String name, BiFunction<TillFixture, TestCard, Api.Response> send) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Presentation> presentations() {
        return List.of(
                new Presentation("op23 card payment", (till, card) -> till.pay(card, "1.00", Fixtures.unique("B"))),
                new Presentation(
                        "op08 card by code and secret",
                        (till, card) ->
                                till.till().get("/api/v1/cards?cardCode=" + card.code() + "&mac=" + card.mac())));
    }

    @Autowired
    Fixtures fixtures;

    @Autowired
    DataSource dataSource;

    @Autowired
    TestClock clock;

    /** Sends the wait query to the held row's node, on the holder's own connection there. */
    @Autowired
    TenantNode tenantNode;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presentations")
    void aBurstOfWrongSecretsComparesNoMoreThanFiveBeforeTheCardLocks(Presentation way) throws Exception {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        TestCard card = till.card("100.00", "0");
        List<CompletableFuture<Api.Response>> wrong = new ArrayList<>();
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            hold(
                    holder,
                    "select 1 from card where tenant_id = ? and code = ? for update",
                    till.tenant.id(),
                    card.code());
            for (int i = 0; i < BURST; i++) {
                TestCard guess = new TestCard(card.code(), "wrong-guess-" + i, card.memberId());
                wrong.add(CompletableFuture.supplyAsync(() -> way.send().apply(till, guess)));
            }
            awaitWaiting(holder, till.tenant.id(), BURST);
            holder.commit();
        }
        List<Integer> answers = new ArrayList<>();
        for (CompletableFuture<Api.Response> guess : wrong) {
            answers.add(guess.get(60, TimeUnit.SECONDS).status());
        }
        assertThat(answers)
                .as("four wrong secrets compared and counted, the fifth locks the card, the rest find it locked")
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, BURST)
                        .mapToObj(i -> i < 4 ? 602 : 610)
                        .toList());
        Api.Response right = way.send().apply(till, card);
        assertThat(right.status()).as(right.toString()).isEqualTo(610);
        assertThat(till.real(card)).as("nothing paid").isEqualByComparingTo("100.00");
    }

    @Test
    void aBurstOfSecretAloneLookupsFromACredentialThatMustWaitLetsOneThrough() throws Exception {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        till.card("1.00", "0");
        for (int miss = 1; miss <= 6; miss++) {
            assertThat(till.till().get("/api/v1/cards?mac=early-guess-" + miss).status())
                    .as("miss %d", miss)
                    .isEqualTo(602);
        }
        clock.advance(Duration.ofSeconds(2)); // past the wait after the sixth miss: one more may be tried
        List<CompletableFuture<Api.Response>> burst = new ArrayList<>();
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            hold(
                    holder,
                    "select 1 from card_secret_miss where tenant_id = ? and credential like ? for update",
                    till.tenant.id(),
                    "%");
            for (int i = 0; i < BURST; i++) {
                int n = i;
                burst.add(CompletableFuture.supplyAsync(() -> till.till().get("/api/v1/cards?mac=burst-guess-" + n)));
            }
            awaitWaiting(holder, till.tenant.id(), BURST);
            holder.commit();
        }
        List<Integer> answers = new ArrayList<>();
        for (CompletableFuture<Api.Response> guess : burst) {
            answers.add(guess.get(60, TimeUnit.SECONDS).status());
        }
        assertThat(answers)
                .as("one guess looked up, the others told to wait")
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, BURST)
                        .mapToObj(i -> i == 0 ? 602 : 613)
                        .toList());
    }

    private static void hold(Connection holder, String sql, long tenantId, String key) throws Exception {
        try (PreparedStatement lock = holder.prepareStatement(sql)) {
            lock.setLong(1, tenantId);
            lock.setString(2, key);
            try (ResultSet rows = lock.executeQuery()) {
                assertThat(rows.next()).as("a row to hold").isTrue();
            }
        }
    }

    /**
     * Until {@code n} sessions wait for the holder, directly or behind another waiter (a row's
     * queue): the burst queued on the held row, and no other wait of the database.
     */
    private void awaitWaiting(Connection holder, long tenantId, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (PreparedStatement waiting = holder.prepareStatement(tenantNode.pin(tenantId, """
                            with recursive queued(pid) as (
                                select pid from pg_stat_activity where pg_backend_pid() = any(pg_blocking_pids(pid))
                                union
                                select a.pid from pg_stat_activity a join queued q on q.pid = any(pg_blocking_pids(a.pid)))
                            select count(*) from queued
                            """));
                    ResultSet rows = waiting.executeQuery()) {
                rows.next();
                if (rows.getInt(1) >= n) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError(n + " requests never all waited for the held row");
    }
}
