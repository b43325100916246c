package com.membercard.importing;

import com.membercard.shared.jdbc.TenantNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The job rows, their rejected rows and their sealed drawn secrets; every statement names the tenant. */
@Repository
class JdbcImportJobs {

    /** A job as stored. */
    record Job(
            long tenantId,
            long id,
            String kind,
            String fileName,
            String filePath,
            String status,
            Long sourceTenantId,
            Long shopId,
            Long operatorId,
            Long apiKeyId,
            Long cardClassId,
            Long memberLevelId,
            int rowsTotal,
            int rowsRead,
            int rowsImported,
            int rowsSkipped,
            int rowsFailed,
            int lastRow,
            String failureKey,
            String failureArg,
            String report,
            byte[] secretsKey,
            OffsetDateTime createdAt,
            OffsetDateTime finishedAt,
            long lastSourceMemberId) {

        boolean finished() {
            return "DONE".equals(status) || "FAILED".equals(status);
        }
    }

    /** What a new job is about. */
    record NewJob(
            String kind,
            String fileName,
            String filePath,
            Long sourceTenantId,
            Long shopId,
            Long operatorId,
            Long apiKeyId,
            Long cardClassId,
            Long memberLevelId,
            byte[] secretsKey) {}

    record Key(long tenantId, long id) {}

    record SealedSecret(int row, String cardCode, byte[] sealed) {}

    private static final String COLUMNS = """
            tenant_id, id, kind, file_name, file_path, status, source_tenant_id, shop_id, operator_id, api_key_id,
            card_class_id, member_level_id, rows_total, rows_read, rows_imported, rows_skipped, rows_failed,
            last_row, failure_key, failure_arg, report::text as report, secrets_key, created_at, finished_at,
            last_source_member_id
            """;

    private final JdbcClient jdbc;
    private final TenantNode tenantNode;
    private final NamedParameterJdbcTemplate batch;

    JdbcImportJobs(JdbcClient jdbc, NamedParameterJdbcTemplate batch, TenantNode tenantNode) {
        this.jdbc = jdbc;
        this.tenantNode = tenantNode;
        this.batch = batch;
    }

    long create(long tenantId, NewJob job) {
        return jdbc.sql("""
                        insert into import_job (tenant_id, kind, file_name, file_path, status, source_tenant_id, shop_id,
                                                operator_id, api_key_id, card_class_id, member_level_id, secrets_key)
                        values (:tenantId, :kind, :fileName, :filePath, 'QUEUED', :sourceTenantId, :shopId,
                                :operatorId, :apiKeyId, :cardClassId, :memberLevelId, :secretsKey)
                        returning id
                        """)
                .param("tenantId", tenantId)
                .param("kind", job.kind())
                .param("fileName", job.fileName())
                .param("filePath", job.filePath())
                .param("sourceTenantId", job.sourceTenantId())
                .param("shopId", job.shopId())
                .param("operatorId", job.operatorId())
                .param("apiKeyId", job.apiKeyId())
                .param("cardClassId", job.cardClassId())
                .param("memberLevelId", job.memberLevelId())
                .param("secretsKey", job.secretsKey())
                .query(Long.class)
                .single();
    }

    Optional<Job> find(long tenantId, long id) {
        return jdbc.sql("select " + COLUMNS + " from import_job where tenant_id = :tenantId and id = :id")
                .param("tenantId", tenantId)
                .param("id", id)
                .query(Job.class)
                .optional();
    }

    /** The job, locked until the transaction ends: one runner at a time works on it. */
    Optional<Job> lock(long tenantId, long id) {
        return jdbc.sql("select " + COLUMNS + " from import_job where tenant_id = :tenantId and id = :id for update")
                .param("tenantId", tenantId)
                .param("id", id)
                .query(Job.class)
                .optional();
    }

    /** Jobs of every tenant that a stop interrupted (or that never started), oldest first. */
    List<Key> unfinished() {
        return jdbc.sql("""
                        select tenant_id, id from import_job
                        where tenant_id is not null and status in ('QUEUED', 'RUNNING')
                        order by created_at, tenant_id, id
                        """).query(Key.class).list();
    }

    void started(long tenantId, long id, int rowsTotal, String reportJson) {
        jdbc.sql("""
                        update import_job set status = 'RUNNING', rows_total = :rowsTotal, report = :report::jsonb,
                                              updated_at = now()
                        where tenant_id = :tenantId and id = :id
                        """)
                .param("tenantId", tenantId)
                .param("id", id)
                .param("rowsTotal", rowsTotal)
                .param("report", reportJson)
                .update();
    }

    /** A chunk committed: counts grow and {@code lastRow} moves on, in the chunk's own transaction. */
    void advanced(long tenantId, long id, int lastRow, int read, int imported, int skipped, int failed) {
        chunkCommitted(tenantId, id, "last_row", lastRow, read, imported, skipped, failed);
    }

    /** A migration's chunk committed: as {@link #advanced}, the source read up to {@code lastSourceMemberId}. */
    void migrated(long tenantId, long id, long lastSourceMemberId, int read, int imported, int skipped, int failed) {
        chunkCommitted(tenantId, id, "last_source_member_id", lastSourceMemberId, read, imported, skipped, failed);
    }

    /** The counts of a committed chunk, and where the next one starts ({@code positionColumn}, ours). */
    private void chunkCommitted(
            long tenantId,
            long id,
            String positionColumn,
            long position,
            int read,
            int imported,
            int skipped,
            int failed) {
        jdbc.sql("update import_job set " + positionColumn + """
                         = :position, rows_read = rows_read + :read,
                                              rows_imported = rows_imported + :imported,
                                              rows_skipped = rows_skipped + :skipped,
                                              rows_failed = rows_failed + :failed, updated_at = now()
                        where tenant_id = :tenantId and id = :id
                        """)
                .param("tenantId", tenantId)
                .param("id", id)
                .param("position", position)
                .param("read", read)
                .param("imported", imported)
                .param("skipped", skipped)
                .param("failed", failed)
                .update();
    }

    /** Which of {@code sourceMemberIds} a migration from {@code sourceTenantId} copied into the tenant before. */
    java.util.Set<Long> mapped(long tenantId, long sourceTenantId, List<Long> sourceMemberIds) {
        return new java.util.HashSet<>(jdbc.sql(tenantNode.pin(tenantId, """
                        select x.id from unnest(cast(:ids as bigint[])) as x(id)
                        cross join lateral (select 1 from migration_map m
                                            where m.tenant_id = :tenantId and m.source_tenant_id = :source
                                              and m.source_member_id = x.id limit 1) hit
                        """))
                .param("tenantId", tenantId)
                .param("source", sourceTenantId)
                .param("ids", sourceMemberIds.toArray(Long[]::new))
                .query(Long.class)
                .list());
    }

    /** A source member copied into the tenant as {@code targetMemberId}. */
    record Mapping(long sourceMemberId, long targetMemberId) {}

    void map(long tenantId, long sourceTenantId, long jobId, List<Mapping> mappings) {
        if (mappings.isEmpty()) {
            return;
        }
        SqlParameterSource[] rows = mappings.stream()
                .map(m -> new MapSqlParameterSource()
                        .addValue("tenantId", tenantId)
                        .addValue("source", sourceTenantId)
                        .addValue("sourceMember", m.sourceMemberId())
                        .addValue("targetMember", m.targetMemberId())
                        .addValue("jobId", jobId))
                .toArray(SqlParameterSource[]::new);
        batch.batchUpdate("""
                insert into migration_map (tenant_id, source_tenant_id, source_member_id, target_member_id, job_id)
                values (:tenantId, :source, :sourceMember, :targetMember, :jobId)
                """, rows);
    }

    void finished(long tenantId, long id) {
        jdbc.sql("""
                        update import_job set status = 'DONE', finished_at = now(), updated_at = now()
                        where tenant_id = :tenantId and id = :id
                        """).param("tenantId", tenantId).param("id", id).update();
    }

    void failed(long tenantId, long id, String key, String arg) {
        jdbc.sql("""
                        update import_job set status = 'FAILED', failure_key = :key, failure_arg = :arg,
                                              finished_at = now(), updated_at = now()
                        where tenant_id = :tenantId and id = :id
                        """)
                .param("tenantId", tenantId)
                .param("id", id)
                .param("key", key)
                .param("arg", arg)
                .update();
    }

    void addProblems(long tenantId, long jobId, List<Problem> problems) {
        if (problems.isEmpty()) {
            return;
        }
        SqlParameterSource[] rows = problems.stream()
                .map(p -> new MapSqlParameterSource()
                        .addValue("tenantId", tenantId)
                        .addValue("jobId", jobId)
                        .addValue("row", p.row())
                        .addValue("column", p.column())
                        .addValue("value", p.value())
                        .addValue("zh", cut(p.reasonZh(), 300))
                        .addValue("en", cut(p.reasonEn(), 300))
                        .addValue("duplicate", p.duplicate()))
                .toArray(SqlParameterSource[]::new);
        batch.batchUpdate("""
                insert into import_job_error (tenant_id, job_id, row_no, column_name, value, reason_zh, reason_en, duplicate)
                values (:tenantId, :jobId, :row, :column, :value, :zh, :en, :duplicate)
                """, rows);
    }

    void addSecrets(long tenantId, long jobId, List<SealedSecret> secrets) {
        if (secrets.isEmpty()) {
            return;
        }
        SqlParameterSource[] rows = secrets.stream()
                .map(secret -> new MapSqlParameterSource()
                        .addValue("tenantId", tenantId)
                        .addValue("jobId", jobId)
                        .addValue("row", secret.row())
                        .addValue("cardCode", secret.cardCode())
                        .addValue("sealed", secret.sealed()))
                .toArray(SqlParameterSource[]::new);
        batch.batchUpdate("""
                insert into import_job_secret (tenant_id, job_id, row_no, card_code, sealed)
                values (:tenantId, :jobId, :row, :cardCode, :sealed)
                """, rows);
    }

    /** The job's problems in row order, one at a time (a report of 100,000 rows is never a list). */
    void problems(long tenantId, long jobId, Consumer<Problem> each) {
        try (Stream<Problem> rows = jdbc
                .sql("""
                        select row_no, column_name, value, reason_zh, reason_en, duplicate from import_job_error
                        where tenant_id = :tenantId and job_id = :jobId order by row_no
                        """)
                .param("tenantId", tenantId)
                .param("jobId", jobId)
                .query((rs, n) -> new Problem(
                        rs.getInt("row_no"),
                        rs.getString("column_name"),
                        rs.getString("value"),
                        rs.getString("reason_zh"),
                        rs.getString("reason_en"),
                        rs.getBoolean("duplicate")))
                .stream()) {
            rows.forEach(each);
        }
    }

    int secretCount(long tenantId, long jobId) {
        return jdbc.sql("select count(*) from import_job_secret where tenant_id = :tenantId and job_id = :jobId")
                .param("tenantId", tenantId)
                .param("jobId", jobId)
                .query(Integer.class)
                .single();
    }

    List<SealedSecret> secrets(long tenantId, long jobId) {
        // "row" quoted: ShardingSphere's parser (the sharded mode) refuses a bare row as an alias
        return jdbc.sql("""
                        select row_no as "row", card_code, sealed from import_job_secret
                        where tenant_id = :tenantId and job_id = :jobId order by row_no
                        """)
                .param("tenantId", tenantId)
                .param("jobId", jobId)
                .query(SealedSecret.class)
                .list();
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
