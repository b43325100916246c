/**
 * The sharded mode (issue 16, README "Sharded mode"): with {@code MEMBERCARD_SHARDS} naming N
 * PostgreSQL nodes, the service's one DataSource is Apache ShardingSphere-JDBC's over them, every
 * tenant-owned table sharded by {@code tenant_id} on the node its placement in the directory
 * ({@code tenant_placement}, on node 0) names; a platform administrator moves a tenant to another
 * node ({@code TenantMoves}). Without that setting nothing here is made but the move command's
 * refusal, and nothing goes through ShardingSphere.
 */
@ModuleTables(
        owns = {"tenant_placement", "tenant_move", "tenant_moved_out"},
        reads =
                @Table(
                        name = "tenant",
                        reason = "Choosing the emptiest node counts the placements of tenants that exist, in the"
                                + " placing statement on node 0 (tenant is on every node): the routing cannot call"
                                + " a service that would itself be routed"))
package com.membercard.sharding;

import com.membercard.shared.ModuleTables;
import com.membercard.shared.ModuleTables.Table;
