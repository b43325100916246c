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
 * <p>The tenant's sequence is not interleaved: tenant rows are inserted on every node at once, and
 * each node must draw the same id as the others. A broadcast insert that failed on one node only
 * leaves that node's sequence behind; {@link #alignTenantIds} puts every node's at the highest
 * before the service starts, so that the next tenant draws one id everywhere.
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
                       and s.seqrelid <> pg_get_serial_sequence('tenant', 'id')::regclass""")) {
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

    /** Brings every node's tenant sequence to the highest tenant id any node has issued; answers that id. */
    static long alignTenantIds(List<DataSource> owners) throws SQLException {
        String sequence = "pg_get_serial_sequence('tenant', 'id')";
        long highest = 0;
        for (DataSource owner : owners) {
            highest = Math.max(
                    highest,
                    single(
                            owner,
                            "select greatest(coalesce(pg_sequence_last_value(" + sequence
                                    + "::regclass), 0), coalesce((select max(id) from tenant), 0))"));
        }
        if (highest > 0) {
            for (DataSource owner : owners) {
                single(
                        owner,
                        "select setval(" + sequence + ", greatest(" + highest + ", coalesce(pg_sequence_last_value("
                                + sequence + "::regclass), 0)))");
            }
        }
        return highest;
    }

    private static long single(DataSource owner, String query) throws SQLException {
        try (Connection connection = owner.getConnection();
                Statement sql = connection.createStatement();
                ResultSet row = sql.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }

    /** The first id after {@code last} that node {@code node} of {@code nodes} may issue. */
    static long firstAfter(long last, int node, int nodes) {
        long candidate = last + 1;
        long offset = Math.floorMod(node + 1 - candidate, nodes);
        return candidate + offset;
    }
}
