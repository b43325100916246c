package com.membercard.tenancy;

import com.membercard.shared.jdbc.TenantOrPlatform;
import com.membercard.tenancy.Credentials.Found;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Finds the caller behind a bearer secret: its tenant first, from the {@link CredentialDirectory}
 * (the only question that does not start from a tenant: it is how the tenant of a request is found),
 * then the key or token on its tenant's rows, where its revocation and expiry are read.
 */
@Repository
class JdbcCredentials {

    private final JdbcClient jdbc;
    private final CredentialDirectory directory;

    JdbcCredentials(JdbcClient jdbc, CredentialDirectory directory) {
        this.jdbc = jdbc;
        this.directory = directory;
    }

    Optional<Found> byApiKeyHash(String keyHash) {
        return directory
                .ownerOf(keyHash)
                .filter(owner -> owner.tenantId() != null) // keys are a tenant's
                .flatMap(owner -> jdbc.sql("""
                                select tenant_id, role, id, shop_id, name, expires_at from api_key
                                where tenant_id = :tenantId and key_hash = :hash and revoked_at is null
                                """)
                        .param("tenantId", owner.tenantId())
                        .param("hash", keyHash)
                        .query((rs, n) -> new Found(
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
                                false))
                        .optional());
    }

    Optional<Found> byLoginTokenHash(String tokenHash) {
        return directory
                .ownerOf(tokenHash)
                .flatMap(owner -> jdbc.sql("""
                        select o.tenant_id, o.role, o.id, o.shop_id, o.username, o.must_change_password
                        from login_token t join operator o on o.id = t.operator_id
                        where %s and t.token_hash = :hash and t.revoked_at is null and t.expires_at > now()
                          and o.active
                        """.formatted(TenantOrPlatform.condition("t.tenant_id", owner.tenantId())))
                        .param("tenantId", owner.tenantId())
                        .param("hash", tokenHash)
                        .query((rs, n) -> new Found(
                                new Caller(
                                        (Long) rs.getObject("tenant_id"),
                                        Role.valueOf(rs.getString("role")),
                                        rs.getLong("id"),
                                        null,
                                        (Long) rs.getObject("shop_id"),
                                        rs.getString("username")),
                                null,
                                rs.getBoolean("must_change_password")))
                        .optional());
    }
}
