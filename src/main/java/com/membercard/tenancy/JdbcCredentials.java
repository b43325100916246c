package com.membercard.tenancy;

import com.membercard.shared.jdbc.TenantCopies;
import com.membercard.tenancy.Credentials.Found;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Finds the caller behind a bearer secret. These two lookups are the only statements that do not
 * start from a tenant: they are how the tenant of a request is found.
 *
 * <p>In the sharded mode they ask every node, and a tenant being moved has a copy on two nodes, only
 * one of them live (its placement's): a key revoked there may still be active in the other copy. For
 * such a tenant ({@link TenantCopies}) the lookup is asked again naming the tenant, which routes it to
 * the live copy alone. In single-node mode there is no such bean and one statement, as always.
 */
@Repository
class JdbcCredentials {

    private static final String API_KEY = """
            select tenant_id, role, id, shop_id, name, expires_at from api_key
            where key_hash = :hash and revoked_at is null""";

    private static final String LOGIN_TOKEN = """
            select o.tenant_id, o.role, o.id, o.shop_id, o.username, o.must_change_password
            from login_token t join operator o on o.id = t.operator_id
            where t.token_hash = :hash and t.revoked_at is null and t.expires_at > now() and o.active""";

    private final JdbcClient jdbc;
    private final TenantCopies copies;

    JdbcCredentials(JdbcClient jdbc, ObjectProvider<TenantCopies> copies) {
        this.jdbc = jdbc;
        this.copies = copies.getIfAvailable();
    }

    Optional<Found> byApiKeyHash(String keyHash) {
        return live(
                find(API_KEY, keyHash, null, JdbcCredentials::apiKey),
                tenantId -> find(API_KEY + " and tenant_id = :tenantId", keyHash, tenantId, JdbcCredentials::apiKey));
    }

    Optional<Found> byLoginTokenHash(String tokenHash) {
        return live(
                find(LOGIN_TOKEN, tokenHash, null, JdbcCredentials::loginToken),
                tenantId -> find(
                        LOGIN_TOKEN + " and t.tenant_id = :tenantId and o.tenant_id = :tenantId",
                        tokenHash,
                        tenantId,
                        JdbcCredentials::loginToken));
    }

    private Optional<Found> live(List<Found> found, LongFunction<List<Found>> onTheTenantsNode) {
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Long tenantId = found.get(0).caller().tenant();
        if (found.size() == 1 && (copies == null || tenantId == null || !copies.twoCopies(tenantId))) {
            return Optional.of(found.get(0));
        }
        return onTheTenantsNode.apply(tenantId).stream().findFirst();
    }

    private List<Found> find(String sql, String hash, Long tenantId, RowMapper<Found> row) {
        JdbcClient.StatementSpec statement = jdbc.sql(sql).param("hash", hash);
        if (tenantId != null) {
            statement = statement.param("tenantId", tenantId);
        }
        return statement.query(row).list();
    }

    private static Found apiKey(ResultSet rs, int n) throws SQLException {
        return new Found(
                new Caller(
                        rs.getLong("tenant_id"),
                        Role.valueOf(rs.getString("role")),
                        null,
                        rs.getLong("id"),
                        (Long) rs.getObject("shop_id"),
                        rs.getString("name")),
                Optional.ofNullable(rs.getObject("expires_at", OffsetDateTime.class))
                        .map(OffsetDateTime::toInstant)
                        .orElse(null),
                false);
    }

    private static Found loginToken(ResultSet rs, int n) throws SQLException {
        return new Found(
                new Caller(
                        (Long) rs.getObject("tenant_id"),
                        Role.valueOf(rs.getString("role")),
                        rs.getLong("id"),
                        null,
                        (Long) rs.getObject("shop_id"),
                        rs.getString("username")),
                null,
                rs.getBoolean("must_change_password"));
    }
}
