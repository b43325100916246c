package com.membercard.sharding;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Interleaves every identity sequence across the nodes, at each start, as the schema's owner: of N
 * nodes, node i issues only ids of i + 1 modulo N. Each node still draws its ids alone (a per-node
 * sequence cannot know the others'), but no two nodes issue the same id, so a row found by its id
 * without a tenant (an operator at sign-in, a token's operator) is found on one node only, and an id
 * tells which node issued it ({@link OperatorNodeAlgorithm}).
 *
 * <p>Tenant ids are not drawn per node: every node holds every tenant, under one id drawn from node
 * 0's {@code tenant_id_draw} (V33) and inserted explicitly everywhere. That sequence is left as it
 * is, so tenant ids stay dense; the other nodes' copies of it are never drawn from.
 */
final class NodeSequences {

    private NodeSequences() {}

    static void interleave(DataSource owner, int node, int nodes) throws SQLException {
        try (Connection connection = owner.getConnection();
                Statement sql = connection.createStatement()) {
            List<String> changes = new ArrayList<>();
            try (ResultSet sequences = sql.executeQuery("""
                    select s.seqrelid::regclass::text as name, s.seqincrement as step,
                           coalesce(pg_sequence_last_value(s.seqrelid), 0) as last
                      from pg_sequence s join pg_class c on c.oid = s.seqrelid
                     where c.relnamespace = 'public'::regnamespace
                       and s.seqrelid <> pg_get_serial_sequence('tenant_id_draw', 'id')::regclass""")) {
                while (sequences.next()) {
                    long last = sequences.getLong("last");
                    long next = firstAfter(last, node, nodes);
                    if (sequences.getLong("step") != nodes || (last != 0 && last % nodes != (node + 1) % nodes)) {
                        changes.add("alter sequence " + sequences.getString("name") + " increment by " + nodes
                                + " restart with " + next);
                    }
                }
            }
            for (String change : changes) {
                sql.execute(change);
            }
        }
    }

    /** The first id after {@code last} that node {@code node} of {@code nodes} may issue. */
    static long firstAfter(long last, int node, int nodes) {
        long candidate = last + 1;
        long offset = Math.floorMod(node + 1 - candidate, nodes);
        return candidate + offset;
    }
}
