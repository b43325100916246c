package com.membercard.reliability.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.shared.jdbc.TenantNode;
import com.membercard.shared.security.SecurityEvent.Kind;
import com.membercard.support.Api;
import com.membercard.support.Concurrently;
import com.membercard.support.Fixtures;
import com.membercard.support.Fixtures.TenantFixture;
import com.membercard.support.IntegrationTest;
import com.membercard.support.SecurityEvents;
import com.membercard.support.TestClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * Attacks on sign-in (issue 10, item 5): bursts of wrong passwords, a stranger trying to keep an
 * administrator out, one address spraying many accounts, and telling a held-back account from a
 * wrong password. Each client address is named in X-Forwarded-For, which the integration tests
 * believe from localhost (a proxy there).
 */
@IntegrationTest
class SignInAbuseTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String RIGHT = "secret-123";

    @Autowired
    Fixtures fixtures;

    @Autowired
    SecurityEvents events;

    @Autowired
    DataSource dataSource;

    /** Sends the wait query to the node of the held row (the operator's, its tenant's). */
    @Autowired
    TenantNode tenantNode;

    @Autowired
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /**
     * The decisions of a burst are forced to meet: the test holds the row lock of the account's
     * failures from the address while the burst's attempts arrive, so that each has read the state
     * it decides on before any has written; only the operator row's lock, taken first, keeps them
     * one after the other. Then 5 passwords are checked and the rest are held back, unchecked.
     */
    @Test
    void aParallelBurstOfWrongPasswordsGetsFiveTriesAndCountsEveryAttempt() throws Exception {
        TenantFixture tenant = fixtures.tenant();
        String admin = tenant.adminUsername();
        String attacker = address();
        int burst = 12;
        long operatorId = fixtures.jdbc()
                .sql("select id from operator where username = ?")
                .param(admin)
                .query(Long.class)
                .single();
        fixtures.jdbc().sql("""
                        insert into sign_in_failure (operator_id, client_address, failures, last_failed_at)
                        values (?, ?, 0, now() - interval '2 days')""").params(operatorId, attacker).update();
        List<Api.Response> answers;
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement(
                    "select 1 from sign_in_failure where operator_id = ? and client_address = ? for update")) {
                lock.setLong(1, operatorId);
                lock.setString(2, attacker);
                lock.executeQuery().close();
            }
            CompletableFuture<List<Api.Response>> sent = CompletableFuture.supplyAsync(() -> {
                try {
                    return Concurrently.run(burst, i -> signIn(admin, "wrong-" + i, attacker));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitWaitingForLocks(holder, tenant.id(), burst, sent);
            holder.commit();
            answers = sent.get(60, TimeUnit.SECONDS);
        }

        Api.Response wrong = signIn(Fixtures.unique("nobody"), "wrong", address());
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.http()).isEqualTo(401);
            assertThat(answer.body()).isEqualTo(wrong.body());
        });
        assertThat(events.count(admin, Kind.SIGN_IN_FAILED))
                .as("passwords checked in the burst")
                .isEqualTo(5);
        assertThat(events.count(admin, Kind.SIGN_IN_THROTTLED)).isEqualTo(burst - 5);
        assertThat(failuresOf(operatorId, attacker)).as("attempts counted").isEqualTo(burst);
        assertThat(signIn(admin, RIGHT, attacker).body())
                .as("the right password from the attacker's address")
                .isEqualTo(wrong.body());
        assertThat(signIn(admin, RIGHT, address()).status())
                .as("the administrator from elsewhere")
                .isEqualTo(200);
    }

    @Test
    void aStrangerHammeringTheAdministratorNeverKeepsItOut() throws Exception {
        TenantFixture tenant = fixtures.tenant();
        String admin = tenant.adminUsername();
        String stranger = address();
        String office = address();

        for (int round = 0; round < 3; round++) {
            List<Api.Response> hammering = Concurrently.run(10, i -> signIn(admin, "guess-" + i, stranger));
            assertThat(hammering)
                    .allSatisfy(answer -> assertThat(answer.status()).isEqualTo(401));

            Api.Response fromTheOffice = signIn(admin, RIGHT, office);

            assertThat(fromTheOffice.status()).as(fromTheOffice.toString()).isEqualTo(200);
            assertThat(signIn(admin, RIGHT, stranger).status()).isEqualTo(401);
        }
    }

    @Test
    void theBackoffPassesAndTheRightPasswordWorksAgain() {
        TenantFixture tenant = fixtures.tenant();
        String admin = tenant.adminUsername();
        String typist = address();
        for (int i = 0; i < 5; i++) {
            signIn(admin, "typo-" + i, typist);
        }
        assertThat(signIn(admin, RIGHT, typist).status())
                .as("within the first second")
                .isEqualTo(401);

        clock.advance(Duration.ofSeconds(3)); // the 5th failure's 1 s and the 6th's (just now) 2 s

        assertThat(signIn(admin, RIGHT, typist).status()).isEqualTo(200);
    }

    @Test
    void aHeldBackAttemptAnswersLikeAWrongPasswordAndAsSlowly() {
        TenantFixture tenant = fixtures.tenant();
        String admin = tenant.adminUsername();
        String attacker = address();
        List<Long> wrongTimes = new ArrayList<>();
        Api.Response wrong = null;
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            wrong = signIn(admin, "wrong-" + i, attacker);
            wrongTimes.add(System.nanoTime() - start);
        }
        List<Long> heldBackTimes = new ArrayList<>();
        List<Api.Response> heldBack = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            heldBack.add(signIn(admin, RIGHT, attacker));
            heldBackTimes.add(System.nanoTime() - start);
        }

        Api.Response lastWrong = wrong;
        assertThat(heldBack).allSatisfy(answer -> {
            assertThat(answer.http()).isEqualTo(lastWrong.http());
            assertThat(answer.body()).isEqualTo(lastWrong.body());
        });
        assertThat(median(heldBackTimes))
                .as("a held-back attempt checks the password hash too (ns)")
                .isGreaterThan(median(wrongTimes) / 2);
    }

    @Test
    void oneAddressCannotSprayPasswordsOverManyAccounts() throws Exception {
        TenantFixture tenant = fixtures.tenant();
        String sprayer = address();

        List<Api.Response> spray = Concurrently.run(8, thread -> {
                    List<Api.Response> answers = new ArrayList<>();
                    for (int i = thread; i < Fixtures.ADDRESS_MAX_FAILURES; i += 8) {
                        answers.add(signIn(Fixtures.unique("user"), "Password1", sprayer));
                    }
                    return answers;
                })
                .stream()
                .flatMap(List::stream)
                .toList();
        assertThat(spray).allSatisfy(answer -> assertThat(answer.status()).isEqualTo(401));

        assertThat(signIn(tenant.adminUsername(), RIGHT, sprayer).status())
                .as("even a right password, from the spraying address")
                .isEqualTo(401);
        assertThat(signIn(tenant.adminUsername(), RIGHT, address()).status()).isEqualTo(200);
    }

    private Api.Response signIn(String username, String password, String address) {
        return fixtures.anonymous()
                .sendRaw(
                        "POST",
                        "/api/v1/auth/login",
                        JSON.writeValueAsString(Map.of("username", username, "password", password)),
                        Map.of("Content-Type", "application/json", "X-Forwarded-For", address));
    }

    private long failuresOf(long operatorId, String address) {
        return fixtures.jdbc()
                .sql("select failures from sign_in_failure where operator_id = ? and client_address = ?")
                .params(operatorId, address)
                .query(Long.class)
                .single();
    }

    /** Until {@code n} sessions wait for a lock (the burst has arrived and decided as far as it can). */
    private void awaitWaitingForLocks(Connection holder, long tenantId, int n, CompletableFuture<?> sent)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && !sent.isDone()) {
            try (PreparedStatement waiting = holder.prepareStatement(tenantNode.pin(tenantId, """
                            select count(*) from pg_stat_activity
                            where datname = current_database() and wait_event_type = 'Lock'"""));
                    ResultSet rows = waiting.executeQuery()) {
                rows.next();
                if (rows.getInt(1) >= n) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the burst did not queue on the locks" + (sent.isDone() ? ": " + sent.get() : ""));
    }

    private static long median(List<Long> times) {
        return times.stream().sorted().toList().get(times.size() / 2);
    }

    private static final java.util.concurrent.atomic.AtomicInteger ADDRESSES =
            new java.util.concurrent.atomic.AtomicInteger();

    /** A client address of its own (TEST-NET-3). */
    private static String address() {
        int n = ADDRESSES.incrementAndGet();
        return "203.0." + (113 + n / 250) + "." + (1 + n % 250);
    }
}
