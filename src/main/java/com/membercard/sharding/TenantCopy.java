package com.membercard.sharding;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;

/**
 * A tenant's rows between two nodes, as the schema's owner on each, table by table in the order of
 * {@link ShardedTables#BY_TENANT} (parents first): ids travel unchanged, since every node issues ids of
 * its own ({@link NodeSequences}). op40's migration maps each row to a new id in another tenant
 * ({@code migration_map}); a move keeps the tenant and its ids, so it needs no map, only op40's way of
 * being resumable: every step can run again and changes nothing the second time.
 */
final class TenantCopy {

    /**
     * A table as the copy sees it: the columns it writes (not the generated ones) and the key an upsert
     * names (none: the tenant's rows are replaced).
     */
    record Shape(String table, List<String> columns, List<String> key) {

        String columnList() {
            return columns.stream().map(TenantCopy::quoted).collect(Collectors.joining(", "));
        }
    }

    /** One table's row count and checksum on one node. */
    record Sum(long rows, String checksum) {}

    private TenantCopy() {}

    /** The tables of {@link ShardedTables#BY_TENANT} that are tables (not views), parents first. */
    static List<Shape> shapes(DataSource owner) throws SQLException {
        Map<String, Shape> byName = new LinkedHashMap<>();
        try (Connection connection = owner.getConnection();
                PreparedStatement sql = connection.prepareStatement("""
                        select c.relname,
                               array(select a.attname from pg_attribute a
                                      where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                                        and a.attgenerated = '' order by a.attnum) as columns,
                               -- the primary key, or else a unique index of plain columns (operator has no
                               -- primary key): what an upsert names
                               array(select a.attname from pg_attribute a
                                      where a.attrelid = c.oid and a.attnum = any(k.indkey)
                                      order by array_position(k.indkey::int2[], a.attnum)) as key
                        from pg_class c
                        left join lateral (
                            select i.indkey from pg_index i
                            where i.indrelid = c.oid and i.indisunique and i.indpred is null and i.indexprs is null
                            order by i.indisprimary desc, i.indnatts
                            limit 1) k on true
                        where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' and c.relname = any(?)""")) {
            sql.setArray(1, connection.createArrayOf("text", ShardedTables.BY_TENANT.toArray()));
            try (ResultSet rows = sql.executeQuery()) {
                while (rows.next()) {
                    byName.put(
                            rows.getString(1),
                            new Shape(
                                    rows.getString(1),
                                    Arrays.asList((String[]) rows.getArray(2).getArray()),
                                    Arrays.asList((String[]) rows.getArray(3).getArray())));
                }
            }
        }
        return ShardedTables.BY_TENANT.stream()
                .filter(byName::containsKey)
                .map(byName::get)
                .toList();
    }

    /**
     * Makes the target's copy of the tenant equal to the source's, in one transaction on each: the
     * source read in one snapshot (repeatable read), so the copy is a state the source was in. Rows
     * new or changed are upserted, parents first; rows gone from the source are deleted from the
     * target, children first. The target's triggers fire as for any write: a copied card's row adds
     * a member totals delta, which the sync of {@code member_totals_delta} (after every card) deletes
     * again, since the source does not have it.
     */
    static void sync(long tenantId, List<Shape> shapes, DataSource sourceOwner, DataSource targetOwner)
            throws SQLException {
        try (Connection source = sourceOwner.getConnection();
                Connection target = targetOwner.getConnection()) {
            source.setAutoCommit(false);
            source.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            source.setReadOnly(true);
            target.setAutoCommit(false);
            try (Statement targetSql = target.createStatement()) {
                for (Shape shape : shapes) {
                    String rows = quoted("move_" + shape.table());
                    targetSql.execute("create temp table " + rows + " on commit drop as select " + shape.columnList()
                            + " from " + quoted(shape.table()) + " limit 0");
                    pump(
                            source,
                            "copy (select " + shape.columnList() + " from " + quoted(shape.table())
                                    + " where tenant_id = " + tenantId + ") to stdout",
                            target,
                            "copy " + rows + " (" + shape.columnList() + ") from stdin");
                    targetSql.execute(upsert(tenantId, shape, rows));
                }
                for (Shape shape : childrenFirst(shapes)) {
                    if (!shape.key().isEmpty()) {
                        targetSql.execute(deleteGone(tenantId, shape, quoted("move_" + shape.table())));
                    }
                }
                target.commit();
            } catch (SQLException | RuntimeException e) {
                target.rollback();
                throw e;
            } finally {
                source.rollback();
            }
        }
    }

    private static String upsert(long tenantId, Shape shape, String rows) {
        String table = quoted(shape.table());
        String insert = "insert into " + table + " (" + shape.columnList() + ") overriding system value select "
                + shape.columnList() + " from " + rows;
        if (shape.key().isEmpty()) {
            // no key to upsert by (bill_day_total): the tenant's rows replaced
            return "delete from " + table + " where tenant_id = " + tenantId + "; " + insert;
        }
        List<String> others = shape.columns().stream()
                .filter(column -> !shape.key().contains(column))
                .map(TenantCopy::quoted)
                .toList();
        String conflict = " on conflict ("
                + shape.key().stream().map(TenantCopy::quoted).collect(Collectors.joining(", ")) + ") do ";
        if (others.isEmpty()) {
            return insert + conflict + "nothing";
        }
        // a row already equal is not updated, so an insert-only table's guard never fires for it
        return insert + conflict + "update set (" + String.join(", ", others) + ") = row("
                + others.stream().map(c -> "excluded." + c).collect(Collectors.joining(", ")) + ") where ("
                + others.stream().map(c -> table + "." + c).collect(Collectors.joining(", "))
                + ") is distinct from ("
                + others.stream().map(c -> "excluded." + c).collect(Collectors.joining(", ")) + ")";
    }

    private static String deleteGone(long tenantId, Shape shape, String rows) {
        String table = quoted(shape.table());
        return "delete from " + table + " t where t.tenant_id = " + tenantId + " and not exists (select 1 from "
                + rows + " m where "
                + shape.key().stream()
                        .map(column -> "m." + quoted(column) + " = t." + quoted(column))
                        .collect(Collectors.joining(" and "))
                + ")";
    }

    /** Each table's rows and a checksum of them (a sum of the rows' 64-bit hashes), as one node has them. */
    static Map<String, Sum> sums(long tenantId, List<Shape> shapes, DataSource owner) throws SQLException {
        Map<String, Sum> sums = new LinkedHashMap<>();
        try (Connection connection = owner.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement sql = connection.createStatement()) {
                for (Shape shape : shapes) {
                    try (ResultSet row = sql.executeQuery("select count(*), coalesce(sum(hashtextextended(row("
                            + shape.columnList() + ")::text, 0)::numeric), 0)::text from " + quoted(shape.table())
                            + " where tenant_id = " + tenantId)) {
                        row.next();
                        sums.put(shape.table(), new Sum(row.getLong(1), row.getString(2)));
                    }
                }
            } finally {
                connection.rollback();
            }
        }
        return sums;
    }

    /** Deletes the tenant's rows from a node, children first, a table per transaction. */
    static void delete(long tenantId, List<Shape> shapes, DataSource owner) throws SQLException {
        try (Connection connection = owner.getConnection();
                Statement sql = connection.createStatement()) {
            for (Shape shape : childrenFirst(shapes)) {
                sql.execute("delete from " + quoted(shape.table()) + " where tenant_id = " + tenantId);
            }
        }
    }

    private static List<Shape> childrenFirst(List<Shape> shapes) {
        List<Shape> reversed = new ArrayList<>(shapes);
        Collections.reverse(reversed);
        return reversed;
    }

    private static void pump(Connection source, String copyOut, Connection target, String copyIn) throws SQLException {
        CopyOut out = source.unwrap(PGConnection.class).getCopyAPI().copyOut(copyOut);
        CopyIn in = target.unwrap(PGConnection.class).getCopyAPI().copyIn(copyIn);
        try {
            byte[] chunk;
            while ((chunk = out.readFromCopy()) != null) {
                in.writeToCopy(chunk, 0, chunk.length);
            }
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
            if (out.isActive()) {
                out.cancelCopy();
            }
        }
    }

    static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    static List<String> differing(Map<String, Sum> source, Map<String, Sum> target) {
        List<String> differing = new ArrayList<>();
        source.forEach((table, sum) -> {
            if (!sum.equals(target.get(table))) {
                differing.add(table + " (" + sum.rows() + " rows there, "
                        + target.get(table).rows() + " here)");
            }
        });
        return differing;
    }
}
