package com.membercard.shared.jdbc;

import com.membercard.shared.BusinessException;
import com.membercard.shared.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Create, read, update and delete of a simple tenant-owned table (the catalogue, shops). Every
 * statement it writes carries {@code tenant_id = :tenantId}: a row of another tenant is, to the
 * caller, a row that does not exist (404), and nothing of it changes.
 *
 * @param <T> the row as the API shows it: a record whose components match the columns
 */
public final class TenantTable<T> {

    /** How long a tenant's rows are served from memory; writes through this table evict at once. */
    private static final Duration CACHED_FOR = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final String table;
    private final String what;
    private final List<String> columns;
    private final RowMapper<T> mapper;
    private final Map<Long, Cached<T>> cache;

    /** A tenant's rows as loaded, also by id (a lookup by id is on every payment's path). */
    private record Cached<T>(List<T> rows, Map<Long, T> byId, Instant until) {}

    /**
     * @param table the table name
     * @param what the message key that names one row ("entity.cardClass")
     * @param columns the writable columns in snake_case; their parameters are the camelCase names
     * @param type the record each row maps to, by column names
     */
    public TenantTable(JdbcClient jdbc, String table, String what, List<String> columns, Class<T> type) {
        this(jdbc, table, what, columns, type, false);
    }

    /**
     * @param cached whether reads may come from memory for a few seconds: for small tables read on
     *     every request (card classes, levels, tags, shops), never for rows that change on their own
     *     (a gift's stock). Another instance's change shows within {@link #CACHED_FOR}.
     */
    public TenantTable(
            JdbcClient jdbc, String table, String what, List<String> columns, Class<T> type, boolean cached) {
        this.jdbc = jdbc;
        this.table = table;
        this.what = what;
        this.columns = List.copyOf(columns);
        this.mapper = new RowsWithMoney<>(type);
        this.cache = cached ? new ConcurrentHashMap<>() : null;
    }

    public List<T> list(long tenantId) {
        return cache == null ? load(tenantId) : cached(tenantId).rows();
    }

    private Cached<T> cached(long tenantId) {
        Cached<T> hit = cache.get(tenantId);
        if (hit == null || hit.until().isBefore(Instant.now())) {
            List<T> rows = load(tenantId);
            Map<Long, T> byId = rows.stream().collect(Collectors.toUnmodifiableMap(TenantTable::idOf, row -> row));
            hit = new Cached<>(rows, byId, Instant.now().plus(CACHED_FOR));
            cache.put(tenantId, hit);
        }
        return hit;
    }

    public Optional<T> find(long tenantId, long id) {
        if (cache != null) {
            return Optional.ofNullable(cached(tenantId).byId().get(id));
        }
        return jdbc.sql("select * from " + table + " where tenant_id = :tenantId and id = :id")
                .param("tenantId", tenantId)
                .param("id", id)
                .query(mapper)
                .optional();
    }

    private List<T> load(long tenantId) {
        return List.copyOf(jdbc.sql("select * from " + table + " where tenant_id = :tenantId order by id")
                .param("tenantId", tenantId)
                .query(mapper)
                .list());
    }

    private void evict(long tenantId) {
        if (cache != null) {
            cache.remove(tenantId);
        }
    }

    /**
     * Maps a row to its record, a {@link Money} component from the column's decimal. The plain
     * DataClassRowMapper asks the driver for a Money first and falls back when it refuses; the
     * sharded mode's driver (ShardingSphere's) refuses with an exception that is no SQLException,
     * and the fallback never comes.
     */
    private static final class RowsWithMoney<T> extends DataClassRowMapper<T> {

        RowsWithMoney(Class<T> type) {
            super(type);
        }

        @Override
        protected Object getColumnValue(ResultSet rs, int index, Class<?> paramType) throws SQLException {
            if (paramType == Money.class) {
                return rs.getBigDecimal(index) == null ? null : Money.of(rs.getBigDecimal(index));
            }
            return super.getColumnValue(rs, index, paramType);
        }
    }

    private static long idOf(Object row) {
        try {
            var accessor = row.getClass().getRecordComponents()[0].getAccessor();
            accessor.setAccessible(true); // row records are package-private in their modules
            return (long) accessor.invoke(row);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("rows are records whose first component is the id", e);
        }
    }

    public T get(long tenantId, long id) {
        return find(tenantId, id).orElseThrow(() -> BusinessException.notFound(what));
    }

    public boolean exists(long tenantId, long id) {
        return jdbc.sql("select exists (select 1 from " + table + " where tenant_id = :tenantId and id = :id)")
                .param("tenantId", tenantId)
                .param("id", id)
                .query(Boolean.class)
                .single();
    }

    /** Inserts the row whose column values {@code values} carries; answers the new id. */
    public long insert(long tenantId, Record values) {
        String sql = "insert into " + table + " (tenant_id, " + String.join(", ", columns) + ") values (:tenantId, "
                + columns.stream().map(c -> ":" + camel(c)).collect(Collectors.joining(", "))
                + ") returning id";
        long id = jdbc.sql(sql)
                .paramSource(params(tenantId, values))
                .query(Long.class)
                .single();
        evict(tenantId);
        return id;
    }

    public void update(long tenantId, long id, Record values) {
        String sql = "update " + table + " set "
                + columns.stream().map(c -> c + " = :" + camel(c)).collect(Collectors.joining(", "))
                + " where tenant_id = :tenantId and id = :id";
        int updated = jdbc.sql(sql)
                .paramSource(params(tenantId, values).addValue("id", id))
                .update();
        evict(tenantId);
        if (updated == 0) {
            throw BusinessException.notFound(what);
        }
    }

    /** Deletes the row; one that other rows still refer to stays, and the answer is 611. */
    public void delete(long tenantId, long id) {
        int deleted;
        try {
            deleted = jdbc.sql("delete from " + table + " where tenant_id = :tenantId and id = :id")
                    .param("tenantId", tenantId)
                    .param("id", id)
                    .update();
        } catch (DataIntegrityViolationException e) {
            throw BusinessException.inUse(what);
        }
        evict(tenantId);
        if (deleted == 0) {
            throw BusinessException.notFound(what);
        }
    }

    private static MapSqlParameterSource params(long tenantId, Record values) {
        return RecordParams.of(values).addValue("tenantId", tenantId);
    }

    private static String camel(String snake) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
