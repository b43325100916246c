package com.membercard.sharding;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * The service's DataSource in the sharded mode: ShardingSphere's, which routes each statement by its
 * tables and {@code tenant_id}, or, while the current thread serves one tenant ({@link #bind}), the
 * pool of that tenant's node itself. A tenant's API request is bound to its tenant for its whole
 * length ({@link TenantRequestRouting}): every statement of it touches that tenant's rows alone, all
 * on one node, so ShardingSphere's parsing and routing of each statement (most of the sharded mode's
 * cost, bench/README.md) buy nothing there, and the statements are the single-node mode's.
 *
 * <p>The node is looked up in the placements each time a connection is taken (a transaction, or a
 * statement outside one), as ShardingSphere looks it up for each statement: so no connection is
 * taken by a placement older than the placements' staleness bound, which a tenant's move waits out
 * before it deletes the old copy ({@link TenantMoves}). A transaction keeps the connection it began
 * with.
 */
final class TenantRoutingDataSource extends AbstractDataSource {

    private static final ThreadLocal<Long> BOUND = new ThreadLocal<>();

    private final DataSource router;
    private final List<? extends DataSource> nodes;
    private final TenantPlacements placements;
    private final boolean sqlShow;

    TenantRoutingDataSource(
            DataSource router, List<? extends DataSource> nodes, TenantPlacements placements, boolean sqlShow) {
        this.router = router;
        this.nodes = List.copyOf(nodes);
        this.placements = placements;
        this.sqlShow = sqlShow;
    }

    /** From now on this thread's connections are the tenant's node's, until {@link #unbind}. */
    static void bind(long tenantId) {
        BOUND.set(tenantId);
    }

    static void unbind() {
        BOUND.remove();
    }

    /** Whether this thread's connections are a node's, straight. */
    static boolean bound() {
        return BOUND.get() != null;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Long tenantId = BOUND.get();
        if (tenantId == null) {
            return router.getConnection();
        }
        int node = placements.nodeOf(tenantId);
        Connection connection = nodes.get(node).getConnection();
        return sqlShow ? ShownSql.of(connection, TenantPlacementAlgorithm.node(node)) : connection;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLException("The sharded mode's connections are its pools' own: no other user's");
    }
}
