package com.membercard.sharding;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

/**
 * The service's DataSource in the sharded mode: ShardingSphere's, which routes each statement by its
 * tables and {@code tenant_id}, or, while the current thread is bound to one node ({@link #bind}),
 * that node's pool itself. A tenant's API request is bound to its tenant's node for its whole length
 * ({@link TenantRequestRouting}): every statement of it touches that tenant's rows alone, all on that
 * node, so ShardingSphere's parsing and routing of each statement (most of the sharded mode's cost,
 * bench/README.md) buys nothing there.
 *
 * <p>A transaction keeps the connection it began with, so the binding must be made before the
 * transaction begins, and it is: at the start of the request.
 */
final class TenantRoutingDataSource extends AbstractRoutingDataSource {

    private static final ThreadLocal<Integer> BOUND = new ThreadLocal<>();

    private final boolean sqlShow;

    TenantRoutingDataSource(DataSource router, List<? extends DataSource> nodes, boolean sqlShow) {
        this.sqlShow = sqlShow;
        Map<Object, Object> byNode = new HashMap<>();
        for (int node = 0; node < nodes.size(); node++) {
            byNode.put(node, nodes.get(node));
        }
        setTargetDataSources(byNode);
        setDefaultTargetDataSource(router);
        // a node that is not configured is an error, never ShardingSphere's guess
        setLenientFallback(false);
        afterPropertiesSet();
    }

    /** From now on this thread's connections are the node's, until {@link #unbind}. */
    static void bind(int node) {
        BOUND.set(node);
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
        return shown(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return shown(super.getConnection(username, password));
    }

    private Connection shown(Connection connection) {
        Integer node = BOUND.get();
        return sqlShow && node != null ? ShownSql.of(connection, TenantPlacementAlgorithm.node(node)) : connection;
    }

    @Override
    protected Object determineCurrentLookupKey() {
        return BOUND.get();
    }
}
