package com.membercard.sharding;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.shardingsphere.sharding.api.sharding.standard.PreciseShardingValue;
import org.apache.shardingsphere.sharding.api.sharding.standard.RangeShardingValue;
import org.apache.shardingsphere.sharding.api.sharding.standard.StandardShardingAlgorithm;

/**
 * Routes a statement by its {@code tenant_id} to the node the directory names. ShardingSphere makes
 * this class itself (its CLASS_BASED algorithm, by name, with no constructor arguments), so the
 * directory is handed over through a registry keyed by the {@code directory} property: one per
 * ShardingSphere DataSource, as tests may hold several contexts in one JVM.
 *
 * <p>A row with no tenant (a platform administrator, their tokens, the platform's security events)
 * goes to node 0 (a statement's {@code tenant_id is null} as well). A statement without an equality
 * on {@code tenant_id} goes to every node; a request's statements have one, but for the few that
 * {@code ShardedModeTest} allows.
 */
public final class TenantPlacementAlgorithm implements StandardShardingAlgorithm<Comparable<?>> {

    static final String DIRECTORY = "directory";
    private static final Map<String, TenantPlacements> DIRECTORIES = new ConcurrentHashMap<>();

    private TenantPlacements placements;

    static void register(String key, TenantPlacements placements) {
        DIRECTORIES.put(key, placements);
    }

    static void unregister(String key) {
        DIRECTORIES.remove(key);
    }

    static String node(int index) {
        return "node_" + index;
    }

    @Override
    public void init(Properties props) {
        String key = props.getProperty(DIRECTORY);
        placements = DIRECTORIES.get(key);
        if (placements == null) {
            throw new IllegalStateException("No placement directory registered as " + key);
        }
    }

    @Override
    public String doSharding(Collection<String> nodes, PreciseShardingValue<Comparable<?>> tenant) {
        Object value = tenant.getValue(); // a literal in the SQL may come as an Integer, whatever the type says
        String node = node(value == null ? 0 : placements.nodeOf(id(value, tenant)));
        if (!nodes.contains(node)) {
            throw new IllegalStateException("Tenant " + tenant.getValue() + " is placed on " + node
                    + ", which is not among the configured nodes " + nodes);
        }
        return node;
    }

    /**
     * The id a sharding value holds. Anything but a number is refused, never parsed: ShardingSphere
     * has been seen to hand over another parameter's value (a phone number, README "Sharded mode"),
     * and routing by it would read or write another tenant's node.
     */
    static long id(Object value, PreciseShardingValue<?> where) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        throw new IllegalStateException("Not an id for " + where.getLogicTableName() + "." + where.getColumnName()
                + ": a " + value.getClass().getSimpleName());
    }

    @Override
    public Collection<String> doSharding(Collection<String> nodes, RangeShardingValue<Comparable<?>> tenants) {
        // no command ranges over tenants; were one to, every node is the only safe answer
        return List.copyOf(nodes);
    }
}
