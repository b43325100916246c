package com.membercard.sharding;

import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The global directories on node 0 whose migrations filled every node's copy from that node's own
 * rows: the usernames (V31) and the credentials' tenants (V33). Only node 0's copy is read (they are
 * single tables there), so at each start, as the schema's owner, every other node's rows are moved
 * into node 0's: inserted there (a row already there stays), then deleted where they were. Nothing
 * writes the other nodes' copies through ShardingSphere, so after the first start this finds nothing;
 * a start interrupted half way, or two instances starting at once, only insert what is there already.
 */
final class NodeZeroTables {

    private static final Logger log = LoggerFactory.getLogger(NodeZeroTables.class);

    private record Directory(String table, String key, String columns) {}

    private static final List<Directory> GATHERED = List.of(
            new Directory("operator_username", "username", "username, tenant_id, taken_at"),
            new Directory("credential_directory", "secret_hash", "secret_hash, tenant_id"));

    private NodeZeroTables() {}

    /**
     * Takes every privilege on node 0's own tables on the other nodes from the service's role, so
     * that a statement sent to the wrong node (a tenant's request bound to its node that reaches a
     * directory, see {@link com.membercard.shared.jdbc.SpansNodes}) fails instead of reading or
     * writing an unused copy. Run at each start, after the grants of the role's set-up. Not when the
     * service runs as the owner itself, who must still read those copies at the next start ({@link
     * #gather}).
     */
    static void keepServiceOffCopies(List<DataSource> owners, String serviceRole, String ownerRole) {
        if (serviceRole.equals(ownerRole)) {
            log.warn(
                    "The service runs as the schema's owner ({}): node 0's tables on the other nodes stay open to"
                            + " it, and a statement sent to the wrong node is not refused",
                    ownerRole);
            return;
        }
        String tables = String.join(
                ", ",
                Stream.concat(ShardedTables.ON_NODE_ZERO.stream(), ShardedTables.DIRECTORY.stream())
                        .toList());
        String role = '"' + serviceRole.replace("\"", "\"\"") + '"';
        for (DataSource owner : owners.subList(1, owners.size())) {
            JdbcClient.create(owner)
                    .sql("revoke all on " + tables + " from " + role)
                    .update();
        }
    }

    /** Moves every other node's directory rows into node 0's; answers how many rows were moved. */
    static int gather(List<DataSource> owners) {
        JdbcClient nodeZero = JdbcClient.create(owners.get(0));
        int moved = 0;
        for (DataSource owner : owners.subList(1, owners.size())) {
            JdbcClient node = JdbcClient.create(owner);
            for (Directory directory : GATHERED) {
                // as one array of JSON rows: node 0 takes them in one statement whatever their number
                String rows = node.sql("select coalesce(json_agg(d), '[]') from (select " + directory.columns()
                                + " from " + directory.table() + ") d")
                        .query(String.class)
                        .single();
                nodeZero.sql("insert into " + directory.table() + " (" + directory.columns() + ") select "
                                + directory.columns() + " from json_populate_recordset(null::" + directory.table()
                                + ", cast(:rows as json)) on conflict do nothing")
                        .param("rows", rows)
                        .update();
                moved += node.sql("delete from " + directory.table() + " where " + directory.key() + " in (select "
                                + directory.key() + " from json_populate_recordset(null::" + directory.table()
                                + ", cast(:rows as json)))")
                        .param("rows", rows)
                        .update();
            }
        }
        return moved;
    }
}
