package com.membercard.sharding;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.database.EmbeddedNodes;
import com.membercard.support.Api;
import com.membercard.support.Fixtures;
import com.membercard.support.TillFixture;
import com.membercard.support.TillFixture.TestCard;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Moving a tenant between two embedded nodes (README "Sharded mode", "Moving a tenant"): its rows
 * copied with their ids, its writes paused for a moment, its placement switched, the copies compared
 * and the old one deleted, while another tenant keeps paying; a move stopped after any step resumes;
 * a payment of the moving tenant is either refused with 615 or on the new node, never lost.
 */
class TenantMoveTest {

    private static EmbeddedNodes nodes;
    private static ConfigurableApplicationContext service;
    private static Fixtures fixtures;
    private static ShardedService sharded;

    @BeforeAll
    static void startTwoNodesAndTheService() throws Exception {
        sharded = ShardedService.start(
                "tenant-move", "membercard.shard.placement-refresh=200ms", "membercard.shard.move-pause-limit=5s");
        nodes = sharded.nodes;
        service = sharded.context;
        fixtures = sharded.fixtures;
    }

    @AfterAll
    static void stop() throws Exception {
        if (sharded != null) {
            sharded.close();
        }
    }

    /** A tenant with members, cards, recharges, payments, a refund, points and a day-end attempt. */
    private record Moved(TillFixture till, List<TestCard> cards) {}

    private static Moved tenantWithHistory() {
        TillFixture till = TillFixture.create(fixtures, "REAL_FIRST", 1, 0);
        List<TestCard> cards = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TestCard card = till.card("100.00", "10.00");
            cards.add(card);
            assertThat(till.recharge(card, "50.00", "5.00").status()).isEqualTo(200);
            String order = Fixtures.unique("MOVE-O");
            assertThat(till.pay(card, "30.00", order).status()).isEqualTo(200);
            assertThat(till.refund(card, "10.00", order, Fixtures.unique("MOVE-F"))
                            .status())
                    .isEqualTo(200);
        }
        // a day-end attempt: the close's totals do not run sharded yet, but whatever it leaves moves too
        till.till()
                .post(
                        "/api/v1/day-end",
                        Map.of(
                                "shopId",
                                till.tenant.shopId(),
                                "businessDate",
                                LocalDate.now(ZoneId.of("Asia/Shanghai")).toString()));
        return new Moved(till, cards);
    }

    /** What the tenant's API answers about its cards and members. */
    private static List<String> answers(Moved moved) {
        List<String> answers = new ArrayList<>();
        for (TestCard card : moved.cards()) {
            answers.add(moved.till().view(card).toString());
            Api.Response history = moved.till().till().get("/api/v1/cards/" + card.code() + "/transactions");
            assertThat(history.http()).as(history.toString()).isEqualTo(200);
            answers.add(history.raw());
        }
        Api.Response members = moved.till().till().get("/api/v1/members");
        assertThat(members.http()).as(members.toString()).isEqualTo(200);
        answers.add(members.raw());
        return answers;
    }

    @Test
    void aTenantMovesWhileAnotherPaysAndAnswersTheSameFromItsNewNode() throws Exception {
        Moved moved = tenantWithHistory();
        long tenantId = moved.till().tenant.id();
        TenantPlacements placements = service.getBean(TenantPlacements.class);
        int from = placements.nodeOf(tenantId);
        int to = 1 - from;
        awaitFolded(tenantId, from);
        List<String> before = answers(moved);
        long rowsBefore = rowsOn(tenantId, from);

        TillFixture other = TillFixture.create(fixtures, "REAL_FIRST", 1, 0);
        TestCard otherCard = other.card("100000.00", "0");
        AtomicBoolean paying = new AtomicBoolean(true);
        AtomicInteger otherPaid = new AtomicInteger();
        ConcurrentLinkedQueue<String> otherFailures = new ConcurrentLinkedQueue<>();
        Thread payer = new Thread(() -> {
            while (paying.get()) {
                Api.Response paid = other.pay(otherCard, "0.01", Fixtures.unique("OTHER"));
                if (paid.status() == 200) {
                    otherPaid.incrementAndGet();
                } else {
                    otherFailures.add(paid.toString());
                }
            }
        });
        payer.start();
        long started = System.nanoTime();
        TenantMoves.Move done;
        try {
            Thread.sleep(200);
            Api.Response start = fixtures.platform().post("/api/v1/tenants/" + tenantId + "/move", Map.of("node", to));
            assertThat(start.status()).as(start.toString()).isEqualTo(200);
            assertThat(start.data().path("fromNode").asInt()).isEqualTo(from);
            done = awaitDone(tenantId);
        } finally {
            paying.set(false);
            payer.join();
        }
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        long pauseMillis = Duration.between(done.pausedAt(), done.switchedAt()).toMillis();
        System.out.printf(
                "Tenant %d (%d rows) moved from node %d to %d in %d ms, its writes paused %d ms; the other tenant"
                        + " paid %d times meanwhile%n",
                tenantId, rowsBefore, from, to, tookMillis, pauseMillis, otherPaid.get());

        assertThat(otherFailures)
                .as("the other tenant's payments during the move")
                .isEmpty();
        assertThat(otherPaid.get()).as("the other tenant kept paying").isPositive();
        assertThat(done.report()).contains("rows and checksums equal", "bill 12", "card 3");
        assertThat(placements.placed(tenantId)).contains(to);
        assertThat(answers(moved)).as("the tenant's answers after the move").isEqualTo(before);
        assertThat(rowsOn(tenantId, from))
                .as("the tenant's rows left on the old node")
                .isZero();
        assertThat(rowsOn(tenantId, to))
                .as("the tenant's rows on the new node, with the move's event in its security log")
                .isEqualTo(rowsBefore + 1);
        Api.Response reconciliation = moved.till().tenant.auditor().get("/api/v1/ledger/reconciliation");
        assertThat(reconciliation.http()).as(reconciliation.toString()).isEqualTo(200);
        assertThat(reconciliation.raw()).doesNotContain("\"field\"");

        Api.Response payment =
                sharded.onlyOn(to, () -> moved.till().pay(moved.cards().get(0), "1.00", Fixtures.unique("AFTER")));
        assertThat(payment.status()).as(payment.toString()).isEqualTo(200);
        Api.Response security = fixtures.platform().get("/api/v1/security-events");
        assertThat(security.raw()).contains("TENANT_MOVE");
    }

    /**
     * A move run a step at a time, each step's work done twice (as a crash after the work and before
     * the step is recorded leaves it), then resumed by the command from the middle: the same end.
     */
    @Test
    void aMoveStoppedAfterAnyStepResumesToTheEnd() throws Exception {
        Moved moved = tenantWithHistory();
        long tenantId = moved.till().tenant.id();
        TenantMoves moves = service.getBean(TenantMoves.class);
        int from = service.getBean(TenantPlacements.class).nodeOf(tenantId);
        int to = 1 - from;
        awaitFolded(tenantId, from);
        List<String> before = answers(moved);
        long rowsBefore = rowsOn(tenantId, from);

        moves.begin(tenantId, to);
        List<TenantMoves.Step> seen = new ArrayList<>();
        TenantMoves.Step step = TenantMoves.Step.START;
        while (step != TenantMoves.Step.RECONCILE) {
            seen.add(step);
            moves.redo(tenantId);
            step = moves.step(tenantId);
        }
        assertThat(seen)
                .containsExactly(
                        TenantMoves.Step.START,
                        TenantMoves.Step.COPY,
                        TenantMoves.Step.CATCH_UP,
                        TenantMoves.Step.PAUSE,
                        TenantMoves.Step.FINAL_SYNC,
                        TenantMoves.Step.VERIFY,
                        TenantMoves.Step.SWITCH);
        assertThat(rowsOn(tenantId, from))
                .as("the old copy, kept until reconciled")
                .isEqualTo(rowsBefore);

        // resumed by the command, as after a restart
        Api.Response resume = fixtures.platform().post("/api/v1/tenants/" + tenantId + "/move", Map.of("node", to));
        assertThat(resume.status()).as(resume.toString()).isEqualTo(200);
        assertThat(resume.data().path("step").asText()).isEqualTo("RECONCILE");
        awaitDone(tenantId);
        moves.redo(tenantId); // DONE again: nothing

        assertThat(rowsOn(tenantId, from)).isZero();
        assertThat(rowsOn(tenantId, to))
                .as("with the resume's event in its security log")
                .isEqualTo(rowsBefore + 1);
        assertThat(answers(moved)).isEqualTo(before);
        assertThat(moved.till()
                        .tenant
                        .auditor()
                        .get("/api/v1/ledger/reconciliation")
                        .raw())
                .doesNotContain("\"field\"");
    }

    /**
     * Payments of the moving tenant all through its move: each is refused with 615 (HTTP 503, nothing
     * kept) or succeeds, and every one that succeeded is on the new node afterwards, and the card's
     * balance is what they took.
     */
    @Test
    void aPaymentOfTheMovingTenantIsRefusedWithRetryOrKept() throws Exception {
        TillFixture till = TillFixture.create(fixtures, "REAL_FIRST", 1, 0);
        TestCard card = till.card("1000.00", "0");
        long tenantId = till.tenant.id();
        int to = 1 - service.getBean(TenantPlacements.class).nodeOf(tenantId);

        AtomicBoolean paying = new AtomicBoolean(true);
        Set<String> paid = ConcurrentHashMap.newKeySet();
        Set<String> refused = ConcurrentHashMap.newKeySet();
        ConcurrentLinkedQueue<String> otherwise = new ConcurrentLinkedQueue<>();
        Thread payer = new Thread(() -> {
            while (paying.get()) {
                String order = Fixtures.unique("PAUSE");
                Api.Response answer = till.pay(card, "1.00", order);
                if (answer.status() == 200) {
                    paid.add(order);
                } else if (answer.status() == 615 && answer.http() == 503) {
                    refused.add(order);
                } else {
                    otherwise.add(answer.toString());
                }
            }
        });
        payer.start();
        try {
            Thread.sleep(200);
            Api.Response start = fixtures.platform().post("/api/v1/tenants/" + tenantId + "/move", Map.of("node", to));
            assertThat(start.status()).as(start.toString()).isEqualTo(200);
            awaitDone(tenantId);
            Thread.sleep(300); // a few payments on the new node
        } finally {
            paying.set(false);
            payer.join();
        }

        assertThat(otherwise).as("answers other than 200 and 615").isEmpty();
        System.out.printf("Payments of the moving tenant: %d kept, %d refused with 615%n", paid.size(), refused.size());
        Set<String> onTheNewNode = new TreeSet<>(sharded.owner(to)
                .sql("select serial from serial_record where tenant_id = :t and serial like 'PAUSE%'")
                .param("t", tenantId)
                .query(String.class)
                .list());
        assertThat(onTheNewNode).as("every payment answered 200").containsAll(paid);
        assertThat(onTheNewNode).as("no payment answered 615").doesNotContainAnyElementsOf(refused);
        assertThat(rowsOn(tenantId, 1 - to)).isZero();
        assertThat(till.real(card)).isEqualByComparingTo(new java.math.BigDecimal(1000 - paid.size()));
        assertThat(till.tenant.auditor().get("/api/v1/ledger/reconciliation").raw())
                .doesNotContain("\"field\"");
    }

    @Test
    void theCommandNamesWhatIsWrong() {
        TillFixture till = TillFixture.create(fixtures, "REAL_FIRST", 1, 0);
        long tenantId = till.tenant.id();
        Api platform = fixtures.platform();
        Api.Response noSuchNode = platform.post("/api/v1/tenants/" + tenantId + "/move", Map.of("node", 2));
        assertThat(noSuchNode.status()).as(noSuchNode.toString()).isEqualTo(400);
        assertThat(noSuchNode.data().path("field").asText()).isEqualTo("node");
        Api.Response negative = platform.post("/api/v1/tenants/" + tenantId + "/move", Map.of("node", -1));
        assertThat(negative.status()).as(negative.toString()).isEqualTo(400);
        assertThat(negative.data().path("field").asText()).isEqualTo("node");
        int here = service.getBean(TenantPlacements.class).nodeOf(tenantId);
        Api.Response there = platform.post("/api/v1/tenants/" + tenantId + "/move", Map.of("node", here));
        assertThat(there.status()).as(there.toString()).isEqualTo(400);
        assertThat(there.data().path("field").asText()).isEqualTo("node");
        Api.Response unknown = platform.post("/api/v1/tenants/999999/move", Map.of("node", 1));
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        Api.Response never = platform.get("/api/v1/tenants/" + tenantId + "/move");
        assertThat(never.status()).as(never.toString()).isEqualTo(404);
        Api.Response notPlatform =
                till.tenant.admin().post("/api/v1/tenants/" + tenantId + "/move", Map.of("node", 1 - here));
        assertThat(notPlatform.status()).as(notPlatform.toString()).isEqualTo(403);
    }

    private static TenantMoves.Move awaitDone(long tenantId) throws InterruptedException {
        TenantMoves moves = service.getBean(TenantMoves.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            TenantMoves.Move move = moves.of(tenantId).orElseThrow();
            if (move.step() == TenantMoves.Step.DONE) {
                return move;
            }
            assertThat(move.error()).as("the move's error at %s", move.step()).isNull();
            Thread.sleep(50);
        }
        StringBuilder threads = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().equals("tenant-move")) {
                for (StackTraceElement frame : stack) {
                    threads.append("\n  at ").append(frame);
                }
            }
        });
        throw new AssertionError("not moved within 30 s: " + moves.of(tenantId) + threads);
    }

    /** The member totals' deltas folded (the job runs every 5 s), so that the answers do not change by folding. */
    private static void awaitFolded(long tenantId, int node) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (rows(tenantId, "member_totals_delta", node) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    /** The tenant's rows on a node, in every table of a tenant's. */
    private static long rowsOn(long tenantId, int node) {
        long rows = 0;
        for (String table : ShardedTables.BY_TENANT) {
            if (!table.equals("member_totals_kept")) { // a view of two of the tables
                rows += rows(tenantId, table, node);
            }
        }
        return rows;
    }

    private static long rows(long tenantId, String table, int node) {
        return sharded.owner(node)
                .sql("select count(*) from " + table + " where tenant_id = :tenantId")
                .param("tenantId", tenantId)
                .query(Long.class)
                .single();
    }
}
