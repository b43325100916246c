package com.membercard.audit;

import com.membercard.shared.jdbc.TenantOrPlatform;
import com.membercard.shared.security.SecurityEvent;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The log's SQL: one insert, and the newest-first pages of one tenant's or of the platform's events. */
@Repository
class JdbcSecurityEvents {

    private static final String COLUMNS =
            "id, tenant_id, kind, operator_id, api_key_id, subject, client_address, detail, rolled_back, created_at";

    private final JdbcClient jdbc;

    JdbcSecurityEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(SecurityEvent event, boolean rolledBack) {
        jdbc.sql("""
                        insert into security_event (tenant_id, kind, operator_id, api_key_id, subject, client_address,
                                                    detail, rolled_back)
                        values (:tenantId, :kind, :operatorId, :apiKeyId, :subject, :clientAddress, :detail, :rolledBack)
                        """)
                .param("tenantId", event.tenantId())
                .param("kind", event.kind().name())
                .param("operatorId", event.operatorId())
                .param("apiKeyId", event.apiKeyId())
                .param("subject", cut(event.subject(), 200))
                .param("clientAddress", cut(event.clientAddress(), 64))
                .param("detail", cut(event.detail(), 500))
                .param("rolledBack", rolledBack)
                .update();
    }

    /** One page, newest first; {@code tenantId} null for the platform's events. */
    List<StoredEvent> page(Long tenantId, EventFilter filter, int limit, long offset) {
        return filtered(
                        "select " + COLUMNS,
                        tenantId,
                        filter,
                        " order by created_at desc, id desc limit :limit offset :offset")
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, n) -> new StoredEvent(
                        rs.getLong("id"),
                        (Long) rs.getObject("tenant_id"),
                        rs.getString("kind"),
                        (Long) rs.getObject("operator_id"),
                        (Long) rs.getObject("api_key_id"),
                        rs.getString("subject"),
                        rs.getString("client_address"),
                        rs.getString("detail"),
                        rs.getBoolean("rolled_back"),
                        rs.getObject("created_at", OffsetDateTime.class)))
                .list();
    }

    long count(Long tenantId, EventFilter filter) {
        return filtered("select count(*)", tenantId, filter, "")
                .query(Long.class)
                .single();
    }

    private JdbcClient.StatementSpec filtered(String select, Long tenantId, EventFilter filter, String tail) {
        StringBuilder sql = new StringBuilder(select).append(" from security_event where ");
        sql.append(TenantOrPlatform.condition("tenant_id", tenantId));
        if (filter.kind() != null) {
            sql.append(" and kind = :kind");
        }
        if (filter.from() != null) {
            sql.append(" and created_at >= :from");
        }
        if (filter.before() != null) {
            sql.append(" and created_at < :before");
        }
        JdbcClient.StatementSpec statement = jdbc.sql(sql.append(tail).toString());
        if (tenantId != null) {
            statement = statement.param("tenantId", tenantId);
        }
        if (filter.kind() != null) {
            statement = statement.param("kind", filter.kind().name());
        }
        if (filter.from() != null) {
            statement = statement.param("from", filter.from());
        }
        if (filter.before() != null) {
            statement = statement.param("before", filter.before());
        }
        return statement;
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    /** What the filters of a list may ask: a kind, and a time range [from, before). */
    record EventFilter(SecurityEvent.Kind kind, OffsetDateTime from, OffsetDateTime before) {}

    record StoredEvent(
            long id,
            Long tenantId,
            String kind,
            Long operatorId,
            Long apiKeyId,
            String subject,
            String clientAddress,
            String detail,
            boolean rolledBack,
            OffsetDateTime createdAt) {}
}
