package com.membercard.sharding;

import com.membercard.ledger.Reconciliation;
import com.membercard.shared.BusinessException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Moves a tenant from one node to another (issue 16, item 4; README "Sharded mode", "Moving a
 * tenant"). The move and its step are kept in {@code tenant_move} on node 0, and every step can run
 * again after a crash and changes nothing the second time, so a move interrupted anywhere is resumed
 * by starting it again:
 *
 * <ol>
 *   <li>{@link Step#START}: the target's marker of an earlier move out is cleared. (Nothing else has
 *       to know of the move yet: every lookup, credentials included, names the tenant, so it asks
 *       the placed node alone.)
 *   <li>{@link Step#COPY}, {@link Step#CATCH_UP}: the tenant's rows synchronised to the target
 *       (upserts, rows gone deleted), while it keeps working on the source.
 *   <li>{@link Step#PAUSE}: the tenant's writes on the source refused from now on, then a wait for
 *       the source's transactions that began before that.
 *   <li>{@link Step#FINAL_SYNC}, {@link Step#VERIFY}: the last sync, then both copies compared table
 *       by table (rows and a checksum).
 *   <li>{@link Step#SWITCH}: the placement points at the target.
 *   <li>{@link Step#RECONCILE}: the tenant's ledger reconciliation, now on the target, must be clean.
 *   <li>{@link Step#DELETE_OLD}: once no instance can route by the old placement any more, the
 *       source's copy is deleted; then {@link Step#DONE}.
 * </ol>
 *
 * <p><b>The pause.</b> An instance routes by its cached placement, so the guard must hold on the
 * source node itself: the move installs a row trigger on each of the tenant's tables there
 * ({@code refuse_write_of_moved_tenant}, V34) and lists the tenant in that node's
 * {@code tenant_moved_out}; from that commit on, every insert, update or delete of the tenant's rows
 * on the source fails (SQLSTATE 40M01, answered as 615, HTTP 503 with Retry-After), and its
 * transaction rolls back whole. A transaction that wrote before the marker committed may still be
 * open: the pause waits until every service transaction on the source that began before it has
 * ended (V32's {@code older_transactions}, as day-end waits), so what such a transaction committed
 * is in the final sync. A write of the tenant is therefore either on the source before the final
 * sync, and copied, or refused; never lost, never half on each node. Rejected alternatives: the
 * broadcast {@code tenant} row locked FOR UPDATE holds no payment back (since V27 no ledger row has a
 * key to {@code tenant}, and an update of a card checks none); deleting the old copy in the switching
 * transaction makes an in-flight write fail with whatever its foreign keys say, or land unseen in a
 * table without one. The triggers exist only on a node a move is leaving, and only until the move is
 * done: the single-node mode and every other time pay nothing for them. Installing a trigger waits
 * for the writes in flight on that table (all tenants of the node) and holds new ones meanwhile:
 * milliseconds, once per move, at its pause.
 */
final class TenantMoves implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TenantMoves.class);

    /** The {@code application_name} of the pause's wait, which older_transactions leaves out. */
    private static final String PAUSE = "membercard-tenant-move";

    private static final long POLL_MILLIS = 5;

    enum Step {
        START,
        COPY,
        CATCH_UP,
        PAUSE,
        FINAL_SYNC,
        VERIFY,
        SWITCH,
        RECONCILE,
        DELETE_OLD,
        DONE;

        Step next() {
            return values()[ordinal() + 1];
        }
    }

    /** A move as kept in {@code tenant_move}; {@code running} whether this instance is working on it now. */
    record Move(
            long tenantId,
            int fromNode,
            int toNode,
            Step step,
            OffsetDateTime startedAt,
            OffsetDateTime stepAt,
            OffsetDateTime pausedAt,
            OffsetDateTime switchedAt,
            OffsetDateTime finishedAt,
            String report,
            String error,
            boolean running) {}

    private final ShardedDataSourceConfiguration.Nodes nodes;
    private final TenantPlacements placements;
    private final Reconciliation reconciliation;
    private final JdbcClient directory;
    private final Duration stalenessBound;
    private final Duration pauseLimit;
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    // one move at a time per instance: two moves leaving one node share its triggers
    private final ExecutorService runner = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "tenant-move");
        thread.setDaemon(true);
        return thread;
    });

    TenantMoves(
            ShardedDataSourceConfiguration.Nodes nodes,
            TenantPlacements placements,
            Reconciliation reconciliation,
            Duration refreshPeriod,
            Duration pauseLimit) {
        this.nodes = nodes;
        this.placements = placements;
        this.reconciliation = reconciliation;
        this.directory = JdbcClient.create(nodes.directory());
        // a margin over the bound, for a request that routed just before its placement aged out
        this.stalenessBound = TenantPlacements.stalenessBound(refreshPeriod).plus(refreshPeriod);
        this.pauseLimit = pauseLimit;
    }

    int nodes() {
        return placements.nodes();
    }

    Optional<Move> of(long tenantId) {
        return directory
                .sql("""
                        select tenant_id, from_node, to_node, step, started_at, step_at, paused_at, switched_at,
                               finished_at, report, error
                        from tenant_move where tenant_id = :tenantId""")
                .param("tenantId", tenantId)
                .query((row, i) -> new Move(
                        row.getLong("tenant_id"),
                        row.getInt("from_node"),
                        row.getInt("to_node"),
                        Step.valueOf(row.getString("step")),
                        row.getObject("started_at", OffsetDateTime.class),
                        row.getObject("step_at", OffsetDateTime.class),
                        row.getObject("paused_at", OffsetDateTime.class),
                        row.getObject("switched_at", OffsetDateTime.class),
                        row.getObject("finished_at", OffsetDateTime.class),
                        row.getString("report"),
                        row.getString("error"),
                        running.contains(tenantId)))
                .optional();
    }

    /** Starts the move of the tenant to {@code node}, or resumes its unfinished one, in the background. */
    Move start(long tenantId, int node) {
        begin(tenantId, node);
        if (running.add(tenantId)) {
            runner.execute(() -> {
                try {
                    while (step(tenantId) != Step.DONE) {
                        // step by step, each recorded before the next
                    }
                } catch (RuntimeException e) {
                    log.warn("Moving tenant {} stopped: {}", tenantId, e.toString());
                } finally {
                    running.remove(tenantId);
                }
            });
        }
        return of(tenantId).orElseThrow();
    }

    /**
     * Records a new move (400 naming {@code node} when the tenant is there already), or accepts the
     * tenant's unfinished one when it goes to the same node (409 naming {@code node} otherwise).
     */
    void begin(long tenantId, int node) {
        Optional<Move> last = of(tenantId);
        if (last.isPresent() && last.get().step() != Step.DONE) {
            if (last.get().toNode() != node) {
                throw BusinessException.taken("node");
            }
            return;
        }
        int from = placements.nodeOf(tenantId);
        if (from == node) {
            throw BusinessException.invalid("node", "error.tenantMove.alreadyThere", node);
        }
        directory
                .sql("""
                        insert into tenant_move (tenant_id, from_node, to_node, step) values (:tenantId, :from, :to, 'START')
                        on conflict (tenant_id) do update set from_node = excluded.from_node, to_node = excluded.to_node,
                            step = 'START', started_at = now(), step_at = now(), paused_at = null, switched_at = null,
                            finished_at = null, report = null, error = null
                        where tenant_move.finished_at is not null""")
                .param("tenantId", tenantId)
                .param("from", from)
                .param("to", node)
                .update();
    }

    /** Runs the move's current step and records the next one; answers it. A failure is recorded too, and thrown. */
    Step step(long tenantId) {
        Move move = of(tenantId).orElseThrow();
        long started = System.nanoTime();
        try {
            Step next = run(move);
            log.info(
                    "Moving tenant {} from node {} to {}: {} took {} ms",
                    tenantId,
                    move.fromNode(),
                    move.toNode(),
                    move.step(),
                    (System.nanoTime() - started) / 1_000_000);
            directory
                    .sql("""
                            update tenant_move set step = :next, step_at = now(), error = null,
                                   finished_at = case when :next = 'DONE' then now() end
                            where tenant_id = :tenantId and step = :step""")
                    .param("next", next.name())
                    .param("tenantId", tenantId)
                    .param("step", move.step().name())
                    .update();
            return next;
        } catch (SQLException | RuntimeException e) {
            directory
                    .sql("update tenant_move set error = :error where tenant_id = :tenantId")
                    .param("error", move.step() + ": " + e.getMessage())
                    .param("tenantId", tenantId)
                    .update();
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }

    /** The current step's work, as a crash before its end is recorded leaves it to run again (tests). */
    void redo(long tenantId) throws SQLException {
        run(of(tenantId).orElseThrow());
    }

    private Step run(Move move) throws SQLException {
        long tenantId = move.tenantId();
        DataSource source = nodes.owners().get(move.fromNode());
        DataSource target = nodes.owners().get(move.toNode());
        switch (move.step()) {
            case START -> {
                JdbcClient.create(target)
                        .sql("delete from tenant_moved_out where tenant_id = :tenantId")
                        .param("tenantId", tenantId)
                        .update();
            }
            case COPY, CATCH_UP, FINAL_SYNC -> TenantCopy.sync(tenantId, TenantCopy.shapes(target), source, target);
            case PAUSE -> pause(move, source);
            case VERIFY -> verify(move, source, target);
            case SWITCH -> {
                placements.move(tenantId, move.toNode());
                directory
                        .sql("update tenant_move set switched_at = coalesce(switched_at, now()) where tenant_id = :t")
                        .param("t", tenantId)
                        .update();
            }
            case RECONCILE -> {
                placements.forget(tenantId);
                List<Reconciliation.Difference<?>> differences = reconciliation.differences(tenantId);
                if (!differences.isEmpty()) {
                    throw new IllegalStateException("the ledger does not reconcile on node " + move.toNode() + ": "
                            + differences.size() + " differences, first " + differences.get(0)
                            + "; the old copy is kept");
                }
            }
            case DELETE_OLD -> {
                Move switched = of(tenantId).orElseThrow();
                sleepUntil(switched.switchedAt(), stalenessBound);
                TenantCopy.delete(tenantId, TenantCopy.shapes(source), source);
            }
            case DONE -> {
                return Step.DONE;
            }
        }
        if (move.step() == Step.DELETE_OLD) {
            removeGuardUnlessNeeded(move);
        }
        return move.step().next();
    }

    /**
     * Refuses the tenant's writes on the source from the marker's commit on, then waits for the
     * source's transactions that began before it (they may have written before it). Past the limit
     * the marker is lifted again and the move goes back to its catch-up.
     */
    private void pause(Move move, DataSource source) throws SQLException {
        installGuard(source);
        JdbcClient.create(source)
                .sql("""
                        insert into tenant_moved_out (tenant_id, to_node) values (:tenantId, :to)
                        on conflict (tenant_id) do nothing""")
                .param("tenantId", move.tenantId())
                .param("to", move.toNode())
                .update();
        directory
                .sql("update tenant_move set paused_at = coalesce(paused_at, now()) where tenant_id = :t")
                .param("t", move.tenantId())
                .update();
        if (!olderTransactionsEnded(nodes.pools().get(move.fromNode()))) {
            JdbcClient.create(source)
                    .sql("delete from tenant_moved_out where tenant_id = :tenantId")
                    .param("tenantId", move.tenantId())
                    .update();
            directory
                    .sql("update tenant_move set step = 'CATCH_UP', paused_at = null where tenant_id = :t")
                    .param("t", move.tenantId())
                    .update();
            throw new IllegalStateException("transactions on node " + move.fromNode() + " older than the pause did"
                    + " not end within " + pauseLimit + ": the pause is lifted, the move resumes from its catch-up");
        }
    }

    /**
     * Waits, in a transaction of the service's role begun after the marker's commit, until no other
     * transaction of the service on the node began before it ({@code older_transactions}, V32).
     */
    private boolean olderTransactionsEnded(DataSource serviceRole) throws SQLException {
        try (Connection connection = serviceRole.getConnection()) {
            connection.setAutoCommit(false);
            try {
                JdbcClient sql = JdbcClient.create(
                        new org.springframework.jdbc.datasource.SingleConnectionDataSource(connection, true));
                sql.sql("select set_config('application_name', :pause, true)")
                        .param("pause", PAUSE)
                        .query()
                        .singleRow();
                long deadline = System.nanoTime() + pauseLimit.toNanos();
                while (sql.sql("select older_transactions(:pause)")
                                .param("pause", PAUSE)
                                .query(Long.class)
                                .single()
                        > 0) {
                    if (System.nanoTime() > deadline) {
                        return false;
                    }
                    Thread.sleep(POLL_MILLIS);
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                connection.rollback();
            }
        }
    }

    private void verify(Move move, DataSource source, DataSource target) throws SQLException {
        List<TenantCopy.Shape> shapes = TenantCopy.shapes(target);
        Map<String, TenantCopy.Sum> there = TenantCopy.sums(move.tenantId(), shapes, source);
        Map<String, TenantCopy.Sum> here = TenantCopy.sums(move.tenantId(), shapes, target);
        List<String> differing = TenantCopy.differing(there, here);
        if (!differing.isEmpty()) {
            directory
                    .sql("update tenant_move set step = 'FINAL_SYNC' where tenant_id = :t")
                    .param("t", move.tenantId())
                    .update();
            throw new IllegalStateException("the copies differ in " + differing + ": synchronising again");
        }
        String report = there.entrySet().stream()
                .filter(table -> table.getValue().rows() > 0)
                .map(table -> table.getKey() + " " + table.getValue().rows())
                .collect(Collectors.joining(", ", "rows and checksums equal on both nodes: ", ""));
        directory
                .sql("update tenant_move set report = :report where tenant_id = :t")
                .param("report", report)
                .param("t", move.tenantId())
                .update();
    }

    /** The write guard on every tenant table of a node a move leaves (V34), if not there yet. */
    private static void installGuard(DataSource owner) throws SQLException {
        try (Connection connection = owner.getConnection();
                Statement sql = connection.createStatement()) {
            // the trigger's lock waits for the table's writes in flight: not for ever
            sql.execute("set lock_timeout = '5s'");
            for (TenantCopy.Shape shape : TenantCopy.shapes(owner)) {
                sql.execute("create or replace trigger tenant_move_guard before insert or update or delete on "
                        + TenantCopy.quoted(shape.table())
                        + " for each row execute function refuse_write_of_moved_tenant()");
            }
        }
    }

    /** Drops the guard from the node this move left unless another unfinished move is leaving it too. */
    private void removeGuardUnlessNeeded(Move move) throws SQLException {
        boolean needed = directory
                .sql("""
                        select exists (select 1 from tenant_move where from_node = :node and tenant_id <> :t
                                        and finished_at is null and step not in ('START', 'COPY', 'CATCH_UP'))""")
                .param("node", move.fromNode())
                .param("t", move.tenantId())
                .query(Boolean.class)
                .single();
        if (needed) {
            return;
        }
        DataSource owner = nodes.owners().get(move.fromNode());
        try (Connection connection = owner.getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute("set lock_timeout = '5s'");
            for (TenantCopy.Shape shape : TenantCopy.shapes(owner)) {
                sql.execute("drop trigger if exists tenant_move_guard on " + TenantCopy.quoted(shape.table()));
            }
        }
    }

    /** Sleeps until {@code wait} after {@code since}, both by node 0's clock (the one that wrote {@code since}). */
    private void sleepUntil(OffsetDateTime since, Duration wait) {
        long millis = directory
                .sql(
                        "select ceil(extract(epoch from (cast(:since as timestamptz) - clock_timestamp())) * 1000)::bigint + :wait")
                .param("since", since)
                .param("wait", wait.toMillis())
                .query(Long.class)
                .single();
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    @Override
    public void destroy() {
        runner.shutdownNow();
    }
}
