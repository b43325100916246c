package com.membercard.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.payment.CardPayments;
import com.membercard.payment.TillRequests;
import com.membercard.support.Api;
import com.membercard.support.Concurrently;
import com.membercard.support.Fixtures;
import com.membercard.support.IntegrationTest;
import com.membercard.support.TestClock;
import com.membercard.support.TillFixture;
import com.membercard.support.TillFixture.TestCard;
import com.membercard.tenancy.Actor;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Day-end (日结) through HTTP: the business day of a bill, closing, 801, 905, 903, bad input, the race. */
@IntegrationTest
class DayEndTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    Fixtures fixtures;

    @Autowired
    TestClock clock;

    @Autowired
    CardPayments payments;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcDayEnds days;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(SHANGHAI));
    }

    private static Map<String, Object> close(long shopId, LocalDate day) {
        return new HashMap<>(Map.of("shopId", shopId, "businessDate", day.toString()));
    }

    private List<LocalDate> billDays(TillFixture till) {
        return fixtures.jdbc()
                .sql("select business_date from bill where tenant_id = :t order by id")
                .param("t", till.tenant.id())
                .query(LocalDate.class)
                .list();
    }

    private static JsonNode kind(JsonNode totals, String kind) {
        for (JsonNode line : totals.path("byKind")) {
            if (line.path("kind").asString().equals(kind)) {
                return line;
            }
        }
        throw new AssertionError("no " + kind + " in " + totals);
    }

    @Test
    void billsFallOnTheTenantsTodayUntilTheDayIsClosedThenOnTheNextDay() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        TestCard card = till.card("100.00", "20.00");
        assertThat(till.pay(card, "30.00", "O-1").status()).isEqualTo(200);
        LocalDate today = today();
        assertThat(billDays(till)).containsOnly(today);

        Api.Response closed = till.till().post("/api/v1/day-end", close(till.tenant.shopId(), today));

        assertThat(closed.status()).as("%s", closed).isEqualTo(200);
        JsonNode day = closed.data();
        assertThat(day.path("status").asInt()).isEqualTo(904);
        JsonNode totals = day.path("serverTotals");
        assertThat(totals.path("bills").asLong()).isEqualTo(2);
        assertThat(kind(totals, "RECHARGE").path("count").asLong()).isEqualTo(1);
        assertThat(kind(totals, "RECHARGE").path("real").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(kind(totals, "RECHARGE").path("gift").decimalValue()).isEqualByComparingTo("20.00");
        assertThat(kind(totals, "CARD_PAYMENT").path("amount").decimalValue()).isEqualByComparingTo("30.00");
        assertThat(totals.path("byPaymentType").get(0).path("paymentType").asInt())
                .isEqualTo(1);
        assertThat(totals.path("byPaymentType").get(0).path("received").decimalValue())
                .isEqualByComparingTo("100.00");
        assertThat(totals.path("byOperator")).isNotEmpty();

        assertThat(till.pay(card, "5.00", "O-2").status()).isEqualTo(200);
        assertThat(billDays(till)).containsExactly(today, today, today.plusDays(1));

        Api.Response again = till.till().post("/api/v1/day-end", close(till.tenant.shopId(), today));
        assertThat(again.status()).as("closing twice").isEqualTo(801);
        assertThat(again.data()).isEqualTo(day);
        Api.Response read =
                till.tenant.auditor().get("/api/v1/day-end?shopId=" + till.tenant.shopId() + "&businessDate=" + today);
        assertThat(read.status()).isEqualTo(904);
        assertThat(read.data().path("serverTotals")).isEqualTo(totals);
        Api.Response list = till.tenant.auditor().get("/api/v1/day-end/days?shopId=" + till.tenant.shopId());
        assertThat(list.body().path("totalCount").asLong()).isEqualTo(1);
        assertThat(list.body().path("data").get(0).path("businessDate").asString())
                .isEqualTo(today.toString());
    }

    @Test
    void theServicesClockNotTheDatabasesDecidesTheDay() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        TestCard card = till.card("100.00", "0");
        LocalDate first = today();
        clock.advance(Duration.ofDays(3));
        assertThat(till.pay(card, "1.00", "O-1").status()).isEqualTo(200);
        assertThat(billDays(till)).containsExactly(first, first.plusDays(3));

        Api.Response day = till.tenant
                .admin()
                .get("/api/v1/day-end?shopId=" + till.tenant.shopId() + "&businessDate=" + first.plusDays(3));
        assertThat(day.status()).as("open: %s", day).isEqualTo(901);
        assertThat(till.till()
                        .post("/api/v1/day-end", close(till.tenant.shopId(), first))
                        .data()
                        .path("serverTotals")
                        .path("bills")
                        .asLong())
                .as("an older day closes with its own bills only")
                .isEqualTo(1);
    }

    @Test
    void theTillsOwnTotalsDifferingAnswer905WithBothAndTheDayIsClosed() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        TestCard card = till.card("50.00", "0");
        assertThat(till.pay(card, "10.00", "O-1").status()).isEqualTo(200);
        Map<String, Object> body = close(till.tenant.shopId(), today());
        body.put(
                "expected",
                Map.of(
                        "byKind",
                        List.of(
                                Map.of("kind", "RECHARGE", "count", 1, "amount", "50.00"),
                                Map.of("kind", "CARD_PAYMENT", "count", 1, "amount", "9.00"))));

        Api.Response answer = till.till().post("/api/v1/day-end", body);

        assertThat(answer.status()).as("%s", answer).isEqualTo(905);
        assertThat(answer.http()).isEqualTo(409);
        assertThat(kind(answer.data().path("serverTotals"), "CARD_PAYMENT")
                        .path("amount")
                        .decimalValue())
                .isEqualByComparingTo("10.00");
        assertThat(answer.data()
                        .path("tillTotals")
                        .path("byKind")
                        .get(1)
                        .path("amount")
                        .decimalValue())
                .isEqualByComparingTo("9.00");
        assertThat(till.tenant
                        .admin()
                        .get("/api/v1/day-end?shopId=" + till.tenant.shopId() + "&businessDate=" + today())
                        .status())
                .isEqualTo(905);

        TillFixture other = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        TestCard card2 = other.card("50.00", "0");
        assertThat(other.pay(card2, "10.00", "O-1").status()).isEqualTo(200);
        Map<String, Object> matching = close(other.tenant.shopId(), today());
        matching.put(
                "expected",
                Map.of(
                        "byKind",
                        List.of(
                                Map.of("kind", "RECHARGE", "count", 1, "amount", "50"),
                                Map.of("kind", "CARD_PAYMENT", "count", 1, "amount", "10.00")),
                        "byPaymentType",
                        List.of(Map.of("paymentType", 1, "received", "50.00", "paidBack", "0"))));
        Api.Response agreed = other.till().post("/api/v1/day-end", matching);
        assertThat(agreed.status()).as("%s", agreed).isEqualTo(200);
        assertThat(agreed.data().path("status").asInt()).isEqualTo(904);
    }

    @Test
    void anInterruptedCloseShows903AndIsResumed() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        TestCard card = till.card("50.00", "0");
        LocalDate today = today();
        // what a crash between the close's two transactions leaves: the running row, held by no one
        fixtures.jdbc()
                .sql("insert into day_end (tenant_id, shop_id, business_date, status) values (:t, :s, :d, 902)")
                .param("t", till.tenant.id())
                .param("s", till.tenant.shopId())
                .param("d", today)
                .update();
        String path = "/api/v1/day-end?shopId=" + till.tenant.shopId() + "&businessDate=" + today;
        assertThat(till.tenant.admin().get(path).status()).isEqualTo(903);
        assertThat(till.pay(card, "1.00", "O-1").status()).isEqualTo(200);
        assertThat(billDays(till))
                .as("an interrupted close has not closed the day")
                .containsOnly(today);

        Api.Response resumed = till.till().post("/api/v1/day-end", close(till.tenant.shopId(), today));

        assertThat(resumed.status()).as("%s", resumed).isEqualTo(200);
        assertThat(resumed.data().path("serverTotals").path("bills").asLong()).isEqualTo(2);
        assertThat(till.tenant.admin().get(path).status()).isEqualTo(904);
    }

    @Test
    void badInputIsRefusedWithItsCodeAndClosesNothing() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        TillFixture other = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        Api admin = till.tenant.admin();
        long shop = till.tenant.shopId();

        assertThat(admin.post("/api/v1/day-end", close(999_999_999L, today())).status())
                .as("unknown shop")
                .isEqualTo(404);
        assertThat(admin.post("/api/v1/day-end", close(other.tenant.shopId(), today()))
                        .status())
                .as("another tenant's shop")
                .isEqualTo(404);
        Api.Response future = admin.post("/api/v1/day-end", close(shop, today().plusDays(1)));
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.data().path("field").asString()).isEqualTo("businessDate");
        assertThat(admin.post("/api/v1/day-end", Map.of("businessDate", today().toString()))
                        .data()
                        .path("field")
                        .asString())
                .as("an administrator names the shop")
                .isEqualTo("shopId");
        assertThat(admin.post(
                                "/api/v1/day-end",
                                close(shop, today()).entrySet().stream()
                                        .collect(java.util.stream.Collectors.toMap(
                                                Map.Entry::getKey,
                                                e -> e.getKey().equals("businessDate") ? "2026-13-01" : e.getValue())))
                        .status())
                .isEqualTo(400);
        long secondShop = Fixtures.createdId(admin.post("/api/v1/shops", Map.of("name", Fixtures.unique("二店"))));
        assertThat(till.till()
                        .post("/api/v1/day-end", close(secondShop, today()))
                        .status())
                .as("a cashier of one shop closes no other")
                .isEqualTo(403);
        Api.Response range = admin.get(
                "/api/v1/day-end/days?shopId=" + shop + "&startDate=" + today().minusDays(366) + "&endDate=" + today());
        assertThat(range.status()).isEqualTo(400);
        assertThat(range.data().path("field").asString()).isEqualTo("endDate");
        assertThat(admin.get("/api/v1/day-end/days?shopId=" + shop + "&startDate=" + today().minusDays(365)
                                + "&endDate=" + today())
                        .http())
                .isEqualTo(200);
        assertThat(admin.get("/api/v1/day-end?shopId=" + other.tenant.shopId() + "&businessDate=" + today())
                        .status())
                .isEqualTo(404);
        assertThat(till.tenant
                        .auditor()
                        .post("/api/v1/day-end", close(shop, today()))
                        .status())
                .as("an auditor reads only")
                .isEqualTo(403);

        assertThat(fixtures.jdbc()
                        .sql("select count(*) from day_end where tenant_id in (:a, :b)")
                        .param("a", till.tenant.id())
                        .param("b", other.tenant.id())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    /**
     * Payments race the close: every bill that answered 200 is in the closed day's totals or on the
     * next day, never in neither, never in both (JdbcLedger and DayEnds).
     */
    @Test
    void paymentsRacingTheCloseAreEachInExactlyOneDay() throws Exception {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 0, 0);
        int payers = 6;
        List<TestCard> cards = new ArrayList<>();
        for (int i = 0; i < payers; i++) {
            cards.add(till.card("1000.00", "0"));
        }
        LocalDate today = today();
        AtomicBoolean closing = new AtomicBoolean(true);
        List<Object> answers = Concurrently.run(payers + 1, n -> {
            if (n == payers) {
                try {
                    Thread.sleep(150);
                    return till.till().post("/api/v1/day-end", close(till.tenant.shopId(), today));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                } finally {
                    closing.set(false);
                }
            }
            List<String> paid = new ArrayList<>();
            int i = 0;
            // keep paying until the close is over, and a few times after
            for (int after = 0; after < 3; i++) {
                if (!closing.get()) {
                    after++;
                }
                String order = "R" + n + "-" + i;
                Api.Response answer = till.pay(cards.get(n), "1.00", order);
                assertThat(answer.status()).as("%s", answer).isEqualTo(200);
                paid.add(order);
            }
            return paid;
        });
        Api.Response closed = (Api.Response) answers.get(payers);
        assertThat(closed.status()).as("%s", closed).isEqualTo(200);
        long paid = answers.subList(0, payers).stream()
                .mapToLong(a -> ((List<?>) a).size())
                .sum();
        long inClosedDay = kind(closed.data().path("serverTotals"), "CARD_PAYMENT")
                .path("count")
                .asLong();
        List<LocalDate> paymentDays = fixtures.jdbc()
                .sql("select business_date from bill where tenant_id = :t and kind = 'CARD_PAYMENT'")
                .param("t", till.tenant.id())
                .query(LocalDate.class)
                .list();
        long onClosedDay = paymentDays.stream().filter(today::equals).count();
        long onNextDay = paymentDays.stream().filter(today.plusDays(1)::equals).count();

        assertThat(paymentDays).hasSize((int) paid);
        assertThat(onClosedDay + onNextDay).isEqualTo(paid);
        assertThat(inClosedDay)
                .as("the closed day's totals hold exactly its bills")
                .isEqualTo(onClosedDay);
        assertThat(onNextDay).as("payments after the close").isGreaterThanOrEqualTo(payers * 3L);
        assertThat(fixtures.jdbc()
                        .sql("select closed_through from shop where tenant_id = :t and id = :s")
                        .param("t", till.tenant.id())
                        .param("s", till.tenant.shopId())
                        .query(LocalDate.class)
                        .single())
                .isEqualTo(today);
    }

    /**
     * A transaction another thread keeps open: {@code work} runs in it, then it waits for
     * {@link #commit} (or rolls back when closed without it).
     */
    private final class HeldTransaction<T> implements AutoCloseable {
        private final CountDownLatch ran = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private final ExecutorService thread = Executors.newSingleThreadExecutor();
        private final Future<T> outcome;

        HeldTransaction(Supplier<T> work) throws InterruptedException {
            outcome = thread.submit(() -> transactions.execute(status -> {
                T result = work.get();
                ran.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return result;
            }));
            assertThat(ran.await(30, TimeUnit.SECONDS))
                    .as("the held transaction's work ran")
                    .isTrue();
        }

        T commit() throws Exception {
            release.countDown();
            return outcome.get(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            release.countDown();
            thread.shutdownNow();
        }
    }

    /**
     * The close's wait, made visible: a payment whose transaction began before the close, and
     * which commits only while the close is under way, is in the closed day's totals; a payment
     * made meanwhile does not wait for the close and falls on the next day.
     */
    @Test
    void aBillWrittenBeforeTheCloseAndCommittedDuringItIsCounted() throws Exception {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 0, 0);
        TestCard held = till.card("100.00", "0");
        TestCard other = till.card("100.00", "0");
        long shopId = till.tenant.shopId();
        LocalDate today = today();
        ExecutorService closer = Executors.newSingleThreadExecutor();
        // the till's payment, run by the service's own command inside a transaction held open
        try (HeldTransaction<Integer> payment = new HeldTransaction<>(() -> payments.pay(
                        till.tenant.id(),
                        new Actor(null, null, shopId, null),
                        new TillRequests.Pay(
                                held.code(), held.mac(), null, new BigDecimal("3.00"), "HELD-1", null, null))
                .status())) {
            Future<Api.Response> closing =
                    closer.submit(() -> till.till().post("/api/v1/day-end", close(shopId, today)));
            Thread.sleep(700);
            assertThat(closing.isDone())
                    .as("the close waits for the transaction that began before it")
                    .isFalse();
            assertThat(till.pay(other, "2.00", "MEANWHILE-1").status())
                    .as("a payment during the close does not wait for it")
                    .isEqualTo(200);

            assertThat(payment.commit()).isEqualTo(200);
            Api.Response closed = closing.get(30, TimeUnit.SECONDS);
            assertThat(closed.status()).as("%s", closed).isEqualTo(200);
            JsonNode payments = kind(closed.data().path("serverTotals"), "CARD_PAYMENT");
            assertThat(payments.path("count").asLong()).isEqualTo(1);
            assertThat(payments.path("amount").decimalValue()).isEqualByComparingTo("3.00");
            assertThat(fixtures.jdbc()
                            .sql("""
                                    select order_code || '@' || business_date from bill
                                    where tenant_id = :t and kind = 'CARD_PAYMENT' order by order_code
                                    """)
                            .param("t", till.tenant.id())
                            .query(String.class)
                            .list())
                    .containsExactly("HELD-1@" + today, "MEANWHILE-1@" + today.plusDays(1));
        } finally {
            closer.shutdownNow();
        }
    }

    /** The close's wait, in a transaction of its own as in a close. */
    private boolean awaitOlder(Fixtures.TenantFixture tenant, Duration limit) {
        return Boolean.TRUE.equals(
                transactions.execute(status -> days.awaitOlderTransactions(tenant.id(), tenant.shopId(), limit)));
    }

    /**
     * A transaction left open elsewhere holds a close only up to its wait limit (then 903, resumed
     * later); one of another kind (a close) never does.
     */
    @Test
    void theCloseWaitsForOlderTransactionsUpToItsLimitAndNotForAnotherClose() throws Exception {
        Fixtures.TenantFixture tenant = fixtures.tenant();
        // it reads the tenant's shop: open on the tenant's node (sharded, a statement without a table is node 0's)
        try (HeldTransaction<Object> older = new HeldTransaction<>(() -> fixtures.jdbc()
                .sql("select 1 from shop where tenant_id = :t and id = :s")
                .param("t", tenant.id())
                .param("s", tenant.shopId())
                .query()
                .singleRow())) {
            assertThat(awaitOlder(tenant, Duration.ofMillis(300)))
                    .as("an older transaction still open")
                    .isFalse();
            older.commit();
            assertThat(awaitOlder(tenant, Duration.ofSeconds(10))).isTrue();
        }
        try (HeldTransaction<Object> anotherClose = new HeldTransaction<>(() -> {
            days.markAsClose(tenant.id(), tenant.shopId());
            return null;
        })) {
            assertThat(awaitOlder(tenant, Duration.ofMillis(300)))
                    .as("closes do not wait for each other")
                    .isTrue();
        }
    }
}
