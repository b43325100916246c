package com.membercard.sharding;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.membercard.Application;
import com.membercard.database.EmbeddedNodes;
import com.membercard.support.Api;
import com.membercard.support.Fixtures;
import com.membercard.support.TillFixture;
import com.membercard.support.TillFixture.TestCard;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The service in sharded mode over two embedded PostgreSQL nodes, driven through HTTP: two tenants
 * placed on different nodes, each command of a tenant routed to its node only, and each tenant's
 * rows on its own node only.
 */
class ShardedModeTest {

    /**
     * Finding a request's credential by its hash names no tenant, so it asks every node (README
     * "Sharded mode": a global directory of credentials is still to come); a report's {@code SET LOCAL}
     * of a planner setting goes to every node too (harmless, but a connection on each), and a read of
     * the broadcast tenant table to any node. Everything else must stay on the tenant's node.
     */
    private static final Pattern EVERY_NODE_ALLOWED = Pattern.compile(
            "where (t\\.)?(key_hash|token_hash) = \\?|^set local plan_cache_mode|^select exists \\(select 1 from tenant where id = \\?\\)");

    private static final Pattern ACTUAL_SQL = Pattern.compile("Actual SQL: (node_\\d+) ::: (.*)", Pattern.DOTALL);

    private static EmbeddedNodes nodes;
    private static ConfigurableApplicationContext service;
    private static Fixtures fixtures;
    private static final ListAppender<ILoggingEvent> sqlLog = new ListAppender<>();

    @BeforeAll
    static void startTwoNodesAndTheService() throws Exception {
        Path dataDir = Path.of(System.getProperty("membercard.data-dir", "target/test-data/manual"))
                .resolve("sharded");
        nodes = EmbeddedNodes.start(dataDir, 2);
        service = new SpringApplicationBuilder(Application.class)
                .properties(
                        "server.port=0",
                        "membercard.data-dir=" + dataDir.resolve("service"),
                        "membercard.shards=" + nodes.urls(),
                        "membercard.shard.username=" + nodes.serviceUsername(),
                        "membercard.shard.password=" + nodes.servicePassword(),
                        "membercard.shard.owner-username=" + nodes.ownerUsername(),
                        "membercard.shard.owner-password=" + nodes.ownerPassword(),
                        "membercard.shard.sql-show=true",
                        "membercard.shard.experimental=true",
                        "membercard.admin.username=" + Fixtures.PLATFORM_ADMIN,
                        "membercard.admin.password=" + Fixtures.PLATFORM_PASSWORD,
                        "membercard.day-end-wait-limit=1s",
                        "membercard.db.pool-size=6")
                .run();
        Logger shardingSql = (Logger) LoggerFactory.getLogger("ShardingSphere-SQL");
        sqlLog.start();
        shardingSql.addAppender(sqlLog);
        String baseUrl = "http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port");
        fixtures = Fixtures.on(baseUrl, JdbcClient.create(service.getBean(javax.sql.DataSource.class)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void eachTenantsCommandsRunOnItsNodeAndItsRowsStayThere() {
        TillFixture a = TillFixture.create(fixtures, "REAL_FIRST", 1, 0);
        TillFixture b = TillFixture.create(fixtures, "REAL_FIRST", 1, 0);
        TenantPlacements placements = service.getBean(TenantPlacements.class);
        int nodeOfA = placements.nodeOf(a.tenant.id());
        int nodeOfB = placements.nodeOf(b.tenant.id());
        assertThat(nodeOfA).as("the emptiest node for each new tenant").isNotEqualTo(nodeOfB);
        assertThat(placements.tenantsPerNode().values()).as("tenants per node").allMatch(count -> count >= 1);

        for (TillFixture till : List.of(a, b)) {
            int node = placements.nodeOf(till.tenant.id());
            TestCard card = onlyOn(node, till::card);
            Api.Response list = onlyOn(node, () -> till.till().get("/api/v1/members"));
            assertThat(list.http()).as(list.toString()).isEqualTo(200);
            assertThat(list.body().path("totalCount").asLong()).isEqualTo(1);
            Api.Response member = onlyOn(node, () -> till.till().get("/api/v1/members/" + card.memberId()));
            assertThat(member.http()).as(member.toString()).isEqualTo(200);
            assertThat(onlyOn(node, () -> till.real(card))).isEqualByComparingTo("0.00");
        }

        // a username is unique across the nodes: B (on the other node) cannot take A's administrator's
        Api.Response taken = b.tenant.admin().post("/api/v1/operators", Fixtures.operator(a.tenant.adminUsername()));
        assertThat(taken.http()).as(taken.toString()).isNotEqualTo(200);
        assertThat(fixtures.login(a.tenant.adminUsername(), "secret-123")).isNotBlank();

        for (String table : List.of("shop", "operator", "api_key", "card_class", "member", "card")) {
            assertThat(rowsOf(a.tenant.id(), table, nodeOfA))
                    .as("%s of A on A's node", table)
                    .isPositive();
            assertThat(rowsOf(a.tenant.id(), table, nodeOfB))
                    .as("%s of A on B's node", table)
                    .isZero();
            assertThat(rowsOf(b.tenant.id(), table, nodeOfB))
                    .as("%s of B on B's node", table)
                    .isPositive();
            assertThat(rowsOf(b.tenant.id(), table, nodeOfA))
                    .as("%s of B on A's node", table)
                    .isZero();
        }
    }

    /** Reads and commands beside the money, each on the tenant's node only. */
    @Test
    void theTenantsOtherCommandsRunOnItsNodeOnly() {
        TillFixture till = TillFixture.create(fixtures, "REAL_FIRST", 1, 0);
        int node = service.getBean(TenantPlacements.class).nodeOf(till.tenant.id());
        TestCard card = onlyOn(node, till::card);
        String today =
                java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        Map<String, Supplier<Api.Response>> commands = new LinkedHashMap<>();
        // not op07's search nor op02's keyword: ShardingSphere binds the parameters of their UNION of
        // lookups to the wrong places (a phone number taken for a tenant id), README "Sharded mode"
        commands.put("card lookup", () -> till.till().get("/api/v1/cards?cardCode=" + card.code()));
        commands.put("card transactions", () -> till.till().get("/api/v1/cards/" + card.code() + "/transactions"));
        commands.put("card policy", () -> till.tenant.admin().get("/api/v1/settings/card-policy"));
        commands.put("liability", () -> till.tenant.auditor().get("/api/v1/reports/liability?businessDate=" + today));
        commands.put(
                "recharges report",
                () -> till.tenant.auditor().get("/api/v1/reports/recharges?startTime=" + today + "&endTime=" + today));
        commands.put("security events", () -> till.tenant.admin().get("/api/v1/security-events"));
        // not the reconciliation: ShardingSphere's binder knows no columns of a LATERAL (VALUES …) list

        Map<String, Integer> answers = new LinkedHashMap<>();
        commands.forEach(
                (name, command) -> answers.put(name, onlyOn(node, command).http()));

        assertThat(answers)
                .as("HTTP status of each command")
                .allSatisfy((name, http) -> assertThat(http).as(name).isEqualTo(200));
    }

    /**
     * Money moves on the tenant's node only: a recharge, its replay (801, nothing more), a card
     * payment earning points (its lot), a refund of part of it. The ledger writes each bill in its
     * separate statements there ({@code StatementForm}), and the serial's lock names the serial's row
     * so that it runs on that node.
     */
    @Test
    void moneyMovesOnTheTenantsNodeOnlyAndASerialIsReplayed() {
        TillFixture till = TillFixture.create(fixtures, "REAL_FIRST", 1, 0);
        int node = service.getBean(TenantPlacements.class).nodeOf(till.tenant.id());
        TestCard card = onlyOn(node, till::card);

        Api.Response recharge = onlyOn(node, () -> till.recharge(card, "100.00", "0.00", "SHARDED-R1", null));
        assertThat(recharge.status()).as(recharge.toString()).isEqualTo(200);
        Api.Response replay = onlyOn(node, () -> till.recharge(card, "100.00", "0.00", "SHARDED-R1", null));
        assertThat(replay.status()).as(replay.toString()).isEqualTo(801);
        Api.Response payment = onlyOn(node, () -> till.pay(card, "30.00", "SHARDED-O1"));
        assertThat(payment.status()).as(payment.toString()).isEqualTo(200);
        Api.Response refund = onlyOn(node, () -> till.refund(card, "10.00", "SHARDED-O1", "SHARDED-F1"));
        assertThat(refund.status()).as(refund.toString()).isEqualTo(200);

        assertThat(till.real(card)).isEqualByComparingTo("80.00");
        assertThat(rowsOf(till.tenant.id(), "bill", node))
                .as("the recharge, the payment, the refund")
                .isEqualTo(3);
        assertThat(rowsOf(till.tenant.id(), "points_lot", node)).isEqualTo(1);
        assertThat(rowsOf(till.tenant.id(), "serial_record", node)).isEqualTo(3);
        for (String table : List.of("bill", "ledger_entry", "points_lot", "serial_record")) {
            assertThat(rowsOf(till.tenant.id(), table, 1 - node))
                    .as("%s on the other node", table)
                    .isZero();
        }
    }

    /**
     * Day-end's wait for older transactions looks at the sessions of the node where the tenant's
     * payments run: a transaction left open there as the service's role holds the close to its limit
     * (903), with every statement of the close on that node. Two tenants, one on each node. (The
     * close's totals do not run sharded yet: README "Sharded mode", not done yet.)
     */
    @Test
    void aDayEndWaitsForTheTransactionsOnItsTenantsNode() throws Exception {
        TenantPlacements placements = service.getBean(TenantPlacements.class);
        Map<Integer, TillFixture> oneOnEachNode = new TreeMap<>();
        for (int tries = 0; tries < 6 && oneOnEachNode.size() < 2; tries++) {
            TillFixture till = TillFixture.create(fixtures, "REAL_FIRST", 1, 0);
            oneOnEachNode.putIfAbsent(placements.nodeOf(till.tenant.id()), till);
        }
        assertThat(oneOnEachNode).as("new tenants go to the emptiest node").containsOnlyKeys(0, 1);
        for (Map.Entry<Integer, TillFixture> placed : oneOnEachNode.entrySet()) {
            int node = placed.getKey();
            TillFixture till = placed.getValue();
            Map<String, Object> today = Map.of(
                    "shopId", till.tenant.shopId(),
                    "businessDate", LocalDate.now(ZoneId.of("Asia/Shanghai")).toString());
            try (Connection older = serviceConnection(node)) {
                older.setAutoCommit(false);
                older.createStatement().execute("select 1");
                Api.Response held = onlyOn(node, () -> till.till().post("/api/v1/day-end", today));
                assertThat(held.status())
                        .as("a close held past its limit by a transaction on its tenant's node: %s", held)
                        .isEqualTo(903);
            }
        }
    }

    /**
     * The member totals' fold job goes through every tenant with deltas, each fold on its tenant's
     * node: a recharge's delta is folded there into the kept totals, which then hold the card's
     * money, and the member list's sums stay the card's.
     */
    @Test
    void theMemberTotalsAreFoldedOnTheTenantsNode() throws Exception {
        TillFixture till = TillFixture.create(fixtures, "REAL_FIRST", 1, 0);
        int node = service.getBean(TenantPlacements.class).nodeOf(till.tenant.id());
        TestCard card = till.card("40.00", "0");
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (rowsOf(till.tenant.id(), "member_totals_delta", node) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(rowsOf(till.tenant.id(), "member_totals_delta", node))
                .as("deltas folded by the job (every 5 s)")
                .isZero();
        assertThat(owner(node)
                        .sql("select coalesce(sum(actual_balance), 0) from member_totals where tenant_id = :t")
                        .param("t", till.tenant.id())
                        .query(java.math.BigDecimal.class)
                        .single())
                .isEqualByComparingTo("40.00");
        Api.Response list = onlyOn(node, () -> till.till().get("/api/v1/members"));
        assertThat(list.body().path("sumData").path("actualBalance").decimalValue())
                .isEqualByComparingTo(till.real(card));
    }

    /**
     * The ledger's reconciliation of a tenant runs on its node: a card whose cached balance was moved
     * behind the ledger's back is reported there, and nothing once it is put back.
     */
    @Test
    void theReconciliationOfATenantRunsOnItsNode() {
        TillFixture till = TillFixture.create(fixtures, "REAL_FIRST", 1, 0);
        int node = service.getBean(TenantPlacements.class).nodeOf(till.tenant.id());
        TestCard card = till.card("25.00", "0");
        Api.Response clean = onlyOn(node, () -> till.tenant.auditor().get("/api/v1/ledger/reconciliation"));
        assertThat(clean.http()).as(clean.toString()).isEqualTo(200);
        assertThat(clean.raw()).doesNotContain("\"field\"");

        String move = "update card set actual_balance = actual_balance + :by, balance = balance + :by"
                + " where tenant_id = :t and code = :code";
        owner(node)
                .sql(move)
                .param("by", 1)
                .param("t", till.tenant.id())
                .param("code", card.code())
                .update();
        try {
            Api.Response report = onlyOn(node, () -> till.tenant.auditor().get("/api/v1/ledger/reconciliation"));
            assertThat(report.raw()).contains("\"field\":\"actualBalance\",\"cached\":26.00,\"ledger\":25.00}");
        } finally {
            owner(node)
                    .sql(move)
                    .param("by", -1)
                    .param("t", till.tenant.id())
                    .param("code", card.code())
                    .update();
        }
    }

    /**
     * The directory, not a formula, decides: a tenant pointed at the other node is served from there
     * at once (its rows are not copied: that is the move command still to come, README "Sharded mode").
     */
    @Test
    void aTenantIsServedFromTheNodeItsPlacementNames() {
        TillFixture till = TillFixture.create(fixtures, "REAL_FIRST", 1, 0);
        TenantPlacements placements = service.getBean(TenantPlacements.class);
        int before = placements.nodeOf(till.tenant.id());
        onlyOn(before, till::card);
        int after = 1 - before;

        placements.move(till.tenant.id(), after);

        assertThat(placements.placed(till.tenant.id())).contains(after);
        Api.Response members = onlyOn(after, () -> till.tenant.admin().get("/api/v1/members"));
        assertThat(members.http()).as(members.toString()).isEqualTo(200);
        assertThat(members.body().path("totalCount").asLong())
                .as("members on the node it was pointed at")
                .isZero();
    }

    /**
     * A broadcast tenant insert that failed on one node leaves the nodes' tenant sequences apart; the
     * start aligns them (NodeSequences.alignTenantIds), after which a new tenant has one id and one
     * row on every node.
     */
    @Test
    void tenantIdsAgreeOnEveryNodeOnceAligned() throws Exception {
        JdbcClient nodeOne = owner(1);
        nodeOne.sql("select nextval(pg_get_serial_sequence('tenant', 'id'))")
                .query(Long.class)
                .single();
        assertThat(lastTenantId(0)).as("node 0 behind node 1").isLessThan(lastTenantId(1));

        NodeSequences.alignTenantIds(List.of(ownerDataSource(0), ownerDataSource(1)));
        assertThat(lastTenantId(0)).isEqualTo(lastTenantId(1));

        long id = fixtures.tenant().id();
        for (int node = 0; node < 2; node++) {
            assertThat(owner(node)
                            .sql("select name from tenant where id = :id")
                            .param("id", id)
                            .query(String.class)
                            .list())
                    .as("tenant %s on node %s", id, node)
                    .hasSize(1);
        }
        assertThat(owner(0).sql("select name from tenant where id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .isEqualTo(owner(1).sql("select name from tenant where id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single());
    }

    private static long lastTenantId(int node) {
        return owner(node)
                .sql("select coalesce(pg_sequence_last_value(pg_get_serial_sequence('tenant', 'id')::regclass), 0)")
                .query(Long.class)
                .single();
    }

    /** Runs a command and checks that every statement it sent went to {@code node}. */
    private static <T> T onlyOn(int node, Supplier<T> command) {
        sqlLog.list.clear();
        T result = command.get();
        List<String> elsewhere = new ArrayList<>();
        Set<String> reached = new TreeSet<>();
        for (ILoggingEvent event : List.copyOf(sqlLog.list)) {
            if (!event.getThreadName().contains("-exec-")) {
                continue; // a background job's (the janitors go through every tenant), not the request's
            }
            Matcher sql = ACTUAL_SQL.matcher(event.getFormattedMessage());
            if (sql.find() && !EVERY_NODE_ALLOWED.matcher(sql.group(2)).find()) {
                reached.add(sql.group(1));
                if (!sql.group(1).equals(TenantPlacementAlgorithm.node(node))) {
                    elsewhere.add(sql.group(1) + ": " + sql.group(2));
                }
            }
        }
        assertThat(elsewhere)
                .as("statements on another node than %s (reached %s)", node, reached)
                .isEmpty();
        assertThat(reached)
                .as("the tenant's statements reached its node (none: answered from a cache)")
                .containsExactly(TenantPlacementAlgorithm.node(node));
        return result;
    }

    private static Connection serviceConnection(int node) throws SQLException {
        return DriverManager.getConnection(nodes.url(node), nodes.serviceUsername(), nodes.servicePassword());
    }

    private static javax.sql.DataSource ownerDataSource(int node) {
        return new SimpleDriverDataSource(
                new org.postgresql.Driver(), nodes.url(node), nodes.ownerUsername(), nodes.ownerPassword());
    }

    private static JdbcClient owner(int node) {
        return JdbcClient.create(ownerDataSource(node));
    }

    private static long rowsOf(long tenantId, String table, int node) {
        return owner(node)
                .sql("select count(*) from " + table + " where tenant_id = :tenantId")
                .param("tenantId", tenantId)
                .query(Long.class)
                .single();
    }
}
