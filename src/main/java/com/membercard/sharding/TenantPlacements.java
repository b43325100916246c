package com.membercard.sharding;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The directory of tenant placements: which node holds a tenant's rows. It lives on node 0
 * ({@code tenant_placement}) and is reached directly, never through ShardingSphere, since it is what
 * decides the routing.
 *
 * <p>A tenant is placed the first time one of its rows is routed, on the node with the fewest tenants
 * (ties to the lowest node); the table's key makes two instances placing the same tenant at once
 * agree on one node. That first statement may be the creation of the tenant's administrator, in the
 * transaction that inserts the tenant, so the directory cannot insist that the tenant exists: a
 * platform administrator asking about a tenant id that does not exist places it too. Such a
 * placement holds no rows and is not counted when the emptiest node is chosen. Placements are cached per instance, for every statement asks; {@link #move}
 * changes one and forgets its cached copy here. Other instances learn it from {@link #refresh}, which
 * re-reads every cached placement (and the tenants being moved) once a period; a cached placement not
 * re-read for {@link #stalenessBound} is not used, so no instance routes by a placement older than
 * that, even when its refresh stalls. A move ({@link TenantMoves}) waits that long after switching a
 * tenant before it deletes the old copy.
 *
 * <p>The directory's connections are its own, unpooled: a miss is rare (once per tenant and
 * instance), and a miss taken from the service's pool could wait forever on a pool that the waiting
 * requests themselves hold.
 */
public final class TenantPlacements {

    /** A cached placement and when it was read from the directory ({@link System#nanoTime}). */
    private record Cached(int node, long readAt) {}

    private final JdbcClient directory;
    private final int nodes;
    private final long maxAgeNanos;
    private final Map<Long, Cached> cache = new ConcurrentHashMap<>();

    TenantPlacements(DataSource nodeZero, int nodes, Duration refreshPeriod) {
        this.directory = JdbcClient.create(nodeZero);
        this.nodes = nodes;
        this.maxAgeNanos = stalenessBound(refreshPeriod).toNanos();
    }

    /** How old a cached placement may be when it is used: three refresh periods. */
    static Duration stalenessBound(Duration refreshPeriod) {
        return refreshPeriod.multipliedBy(3);
    }

    public int nodes() {
        return nodes;
    }

    /** The tenant's node, placing it on the emptiest one if it has none yet. */
    public int nodeOf(long tenantId) {
        Cached cached = cache.get(tenantId);
        long now = System.nanoTime();
        if (cached != null && now - cached.readAt() < maxAgeNanos) {
            return cached.node();
        }
        int node = placed(tenantId).orElseGet(() -> place(tenantId));
        cache.put(tenantId, new Cached(node, now));
        return node;
    }

    /**
     * Re-reads every cached placement, in one statement: run once a
     * refresh period (ShardedDataSourceConfiguration), so that a move made by another instance is seen
     * here within {@link #stalenessBound}.
     */
    void refresh() {
        long now = System.nanoTime();
        List<Long> tenants = List.copyOf(cache.keySet());
        if (!tenants.isEmpty()) {
            directory
                    .sql("select tenant_id, node from tenant_placement where tenant_id = any(:tenants)")
                    .param("tenants", tenants.toArray(Long[]::new))
                    .query((row, i) -> Map.entry(row.getLong("tenant_id"), row.getInt("node")))
                    .list()
                    .forEach(placed -> cache.put(placed.getKey(), new Cached(placed.getValue(), now)));
        }
    }

    /** The tenant's node in the directory, without placing it. */
    public Optional<Integer> placed(long tenantId) {
        return directory
                .sql("select node from tenant_placement where tenant_id = :tenantId")
                .param("tenantId", tenantId)
                .query(Integer.class)
                .optional();
    }

    /** How many tenants each node holds, every node named (0 for an empty one). */
    public Map<Integer, Long> tenantsPerNode() {
        Map<Integer, Long> counts = new TreeMap<>();
        for (int node = 0; node < nodes; node++) {
            counts.put(node, 0L);
        }
        directory
                .sql("select node, count(*) as tenants from tenant_placement group by node")
                .query((row, i) -> Map.entry(row.getInt("node"), row.getLong("tenants")))
                .list()
                .forEach(count -> counts.put(count.getKey(), count.getValue()));
        return counts;
    }

    /**
     * Points the tenant at another node. Only the directory changes: its rows must already be there
     * and its writes paused ({@link TenantMoves} does both).
     */
    public void move(long tenantId, int node) {
        checkNode(node);
        directory
                .sql("update tenant_placement set node = :node, placed_at = now() where tenant_id = :tenantId")
                .param("node", node)
                .param("tenantId", tenantId)
                .update();
        cache.remove(tenantId);
    }

    /** Forgets this instance's cached placement of the tenant: the next statement reads the directory. */
    void forget(long tenantId) {
        cache.remove(tenantId);
    }

    private int place(long tenantId) {
        // one statement: the emptiest node is chosen and the tenant put there, or a placement made
        // meanwhile by another instance kept (its key refuses a second)
        directory.sql("""
                        insert into tenant_placement (tenant_id, node)
                        select :tenantId, n.node
                          from generate_series(0, :nodes - 1) as n(node)
                          left join tenant_placement p on p.node = n.node
                               and exists (select from tenant t where t.id = p.tenant_id)
                         group by n.node
                         order by count(p.tenant_id), n.node
                         limit 1
                        on conflict (tenant_id) do nothing""").param("tenantId", tenantId).param("nodes", nodes).update();
        return placed(tenantId).orElseThrow();
    }

    private void checkNode(int node) {
        if (node < 0 || node >= nodes) {
            throw new IllegalArgumentException("No node " + node + " of " + nodes);
        }
    }
}
