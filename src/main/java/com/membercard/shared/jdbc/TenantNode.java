package com.membercard.shared.jdbc;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * Sends a statement over one tenant's rows to that tenant's node as it is written. In the single-node
 * mode the SQL is returned unchanged ({@link SingleNode}).
 *
 * <p>In the sharded mode ShardingSphere binds each statement to its tables' columns and routes it by
 * the {@code tenant_id} it finds; some statements that only ever touch one tenant's rows it cannot
 * bind (a {@code LATERAL} join over a derived table, a column alias list such as
 * {@code unnest(…) as x(code)}), binds wrongly (the parameters of a {@code UNION}'s branches) or
 * cannot route (an {@code INSERT … SELECT} from arrays, whose tenant is a parameter of the select
 * list). For those the sharding module names the tenant's node in ShardingSphere's SQL hint, and
 * ShardingSphere sends the statement there without binding or routing it: since every row of the
 * tenant is on that node, it runs as on a single node. Not everything is skipped: the parser still
 * reads it (a data-modifying CTE stays refused); it still checks that an {@code INSERT … SELECT} or
 * an {@code UPDATE} names no table outside the binding group, and there takes a column's qualifier
 * that names no table it sees (an {@code unnest}'s or a subquery's alias, a subquery's outer
 * reference) for a table, so such a statement names those columns unqualified, or by a table's own
 * name; and an upsert's {@code on conflict do update} loses its parameters (so that part takes none).
 *
 * <p>Only for a statement whose every table is limited to this one tenant: pinned, it goes to one
 * node whatever else it names.
 */
public interface TenantNode {

    String pin(long tenantId, String sql);

    /**
     * Whether the statements this thread runs now go through ShardingSphere, and so meet its parser:
     * in the sharded mode, unless the thread serves a tenant's request sent straight to its node.
     */
    boolean throughShardingSphere();

    /** The single-node mode's: one node holds every tenant. */
    @Component
    @ConditionalOnExpression("'${membercard.shards:}'.isBlank()")
    final class SingleNode implements TenantNode {

        @Override
        public String pin(long tenantId, String sql) {
            return sql;
        }

        @Override
        public boolean throughShardingSphere() {
            return false;
        }
    }
}
