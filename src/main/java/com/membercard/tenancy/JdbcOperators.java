package com.membercard.tenancy;

import com.membercard.shared.jdbc.TenantOrPlatform;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
class JdbcOperators {

    /**
     * What sign-in checks a password against, found by username alone (sign-in is how a tenant is
     * found); {@code tenantId} null: a platform administrator.
     */
    record Login(long id, Long tenantId, String passwordHash) {}

    /** The operator row as sign-in decides on it, under its lock. */
    record Locked(
            long id, Long tenantId, String username, String passwordHash, boolean active, boolean mustChangePassword) {}

    /**
     * Wrong passwords in a row for one operator from one client address.
     *
     * @param blockedUntil until when a further attempt from there is refused unchecked; null: not
     */
    record Failures(int failures, Instant lastFailedAt, Instant blockedUntil) {}

    private static final RowMapper<Operator> OPERATOR = new DataClassRowMapper<>(Operator.class);
    private static final String COLUMNS = "id, username, name, role, shop_id, active";

    private final JdbcClient jdbc;
    private final CredentialDirectory credentials;

    JdbcOperators(JdbcClient jdbc, CredentialDirectory credentials) {
        this.jdbc = jdbc;
        this.credentials = credentials;
    }

    /** Inserts an operator; a username already used anywhere answers empty. */
    Optional<Long> insert(Long tenantId, String username, String passwordHash, String name, Role role, Long shopId) {
        return insert(tenantId, username, passwordHash, name, role, shopId, false);
    }

    /** The same; {@code mustChangePassword}: its first sign-in may only change the password. */
    Optional<Long> insert(
            Long tenantId,
            String username,
            String passwordHash,
            String name,
            Role role,
            Long shopId,
            boolean mustChangePassword) {
        try {
            // the username first, where it is unique across every node of the sharded mode (V31); a
            // username taken fails here, before the operator row
            jdbc.sql("insert into operator_username (username, tenant_id) values (lower(:username), :tenantId)")
                    .param("username", username)
                    .param("tenantId", tenantId)
                    .update();
            return Optional.of(jdbc.sql("""
                            insert into operator (tenant_id, username, password_hash, name, role, shop_id,
                                                  must_change_password)
                            values (:tenantId, :username, :hash, :name, :role, :shopId, :mustChange) returning id
                            """)
                    .param("tenantId", tenantId)
                    .param("username", username)
                    .param("hash", passwordHash)
                    .param("name", name)
                    .param("role", role.name())
                    .param("shopId", shopId)
                    .param("mustChange", mustChangePassword)
                    .query(Long.class)
                    .single());
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
    }

    boolean platformAdminExists() {
        return jdbc.sql("select exists (select 1 from operator where tenant_id is null and role = 'PLATFORM_ADMIN')")
                .query(Boolean.class)
                .single();
    }

    List<Operator> list(long tenantId) {
        return jdbc.sql("select " + COLUMNS + " from operator where tenant_id = :tenantId order by id")
                .param("tenantId", tenantId)
                .query(OPERATOR)
                .list();
    }

    Optional<Operator> find(long tenantId, long id) {
        return jdbc.sql("select " + COLUMNS + " from operator where tenant_id = :tenantId and id = :id")
                .param("tenantId", tenantId)
                .param("id", id)
                .query(OPERATOR)
                .optional();
    }

    boolean isActive(long tenantId, long id) {
        return jdbc.sql("select exists (select 1 from operator where tenant_id = :tenantId and id = :id and active)")
                .param("tenantId", tenantId)
                .param("id", id)
                .query(Boolean.class)
                .single();
    }

    /** The names of the tenant's operators among {@code ids}; an id of no operator of the tenant is absent. */
    Map<Long, String> names(long tenantId, Collection<Long> ids) {
        Map<Long, String> names = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql("select id, name from operator where tenant_id = :tenantId and id in (:ids)")
                    .param("tenantId", tenantId)
                    .param("ids", ids)
                    .query(rs -> {
                        names.put(rs.getLong("id"), rs.getString("name"));
                    });
        }
        return names;
    }

    int update(long tenantId, long id, String name, Role role, Long shopId, boolean active, String passwordHash) {
        return jdbc.sql("""
                        update operator set name = :name, role = :role, shop_id = :shopId, active = :active,
                               password_hash = coalesce(:hash, password_hash)
                        where tenant_id = :tenantId and id = :id
                        """)
                .param("tenantId", tenantId)
                .param("id", id)
                .param("name", name)
                .param("role", role.name())
                .param("shopId", shopId)
                .param("active", active)
                .param("hash", passwordHash)
                .update();
    }

    /**
     * The password hash of the operator with {@code username}, read without a lock to check a password
     * against. The username's tenant comes first, from {@code operator_username} (every username, on
     * node 0 in the sharded mode), so that the operator is read on its tenant's node only.
     */
    Optional<Login> loginOf(String username) {
        return jdbc.sql("select tenant_id from operator_username where username = lower(:username)")
                .param("username", username)
                .query((rs, n) -> Optional.ofNullable((Long) rs.getObject("tenant_id")))
                .optional()
                .flatMap(tenantId -> jdbc.sql("select id, tenant_id, password_hash from operator where "
                                + TenantOrPlatform.condition("tenant_id", tenantId.orElse(null))
                                + " and lower(username) = lower(:username)")
                        .param("tenantId", tenantId.orElse(null))
                        .param("username", username)
                        .query(new DataClassRowMapper<>(Login.class))
                        .optional());
    }

    /** The same, by id (the current-password check of a password change). */
    Optional<Login> loginOf(Long tenantId, long id) {
        return jdbc.sql("select id, tenant_id, password_hash from operator where "
                        + TenantOrPlatform.condition("tenant_id", tenantId) + " and id = :id")
                .param("tenantId", tenantId)
                .param("id", id)
                .query(new DataClassRowMapper<>(Login.class))
                .optional();
    }

    /** The operator row, locked ({@code FOR UPDATE}) until the transaction ends: sign-in decisions queue on it. */
    Optional<Locked> lockForSignIn(Long tenantId, long id) {
        return jdbc.sql("select id, tenant_id, username, password_hash, active, must_change_password from operator"
                        + " where " + TenantOrPlatform.condition("tenant_id", tenantId) + " and id = :id for update")
                .param("tenantId", tenantId)
                .param("id", id)
                .query(new DataClassRowMapper<>(Locked.class))
                .optional();
    }

    /** The failures in a row of the operator from one client address; call it holding {@link #lockForSignIn}. */
    Optional<Failures> failuresFrom(long id, String address) {
        return jdbc.sql("""
                        select failures, last_failed_at, blocked_until from sign_in_failure
                        where operator_id = :id and client_address = :address
                        """)
                .param("id", id)
                .param("address", address)
                .query((rs, n) -> new Failures(
                        rs.getInt("failures"),
                        rs.getObject("last_failed_at", OffsetDateTime.class).toInstant(),
                        instant(rs.getObject("blocked_until", OffsetDateTime.class))))
                .optional();
    }

    /** Stores the failures of the operator from {@code address}, and counts one more on the account. */
    void recordFailure(Long tenantId, long id, String address, Failures failures) {
        jdbc.sql("""
                        insert into sign_in_failure (operator_id, client_address, failures, last_failed_at, blocked_until)
                        values (:id, :address, :failures, :at, :blockedUntil)
                        on conflict (operator_id, client_address) do update set
                            failures = excluded.failures,
                            last_failed_at = excluded.last_failed_at,
                            blocked_until = excluded.blocked_until
                        """)
                .param("id", id)
                .param("address", address)
                .param("failures", failures.failures())
                .param("at", at(failures.lastFailedAt()))
                .param("blockedUntil", at(failures.blockedUntil()))
                .update();
        jdbc.sql("update operator set failed_logins = failed_logins + 1 where "
                        + TenantOrPlatform.condition("tenant_id", tenantId) + " and id = :id")
                .param("tenantId", tenantId)
                .param("id", id)
                .update();
    }

    /** A success from {@code address}: its failures are forgotten, and so are others' older than {@code before}. */
    void clearFailures(Long tenantId, long id, String address, Instant before) {
        jdbc.sql("""
                        delete from sign_in_failure
                        where operator_id = :id and (client_address = :address or last_failed_at < :before)
                        """)
                .param("id", id)
                .param("address", address)
                .param("before", at(before))
                .update();
        jdbc.sql("update operator set failed_logins = 0, locked_until = null where "
                        + TenantOrPlatform.condition("tenant_id", tenantId) + " and id = :id")
                .param("tenantId", tenantId)
                .param("id", id)
                .update();
    }

    /**
     * A new password the operator chose: the one-time mark goes, and every login token of the
     * operator is revoked in the same transaction. Two statements, not one with a data-modifying
     * CTE, which ShardingSphere (the sharded mode) cannot bind.
     */
    @Transactional
    void changePassword(Long tenantId, long id, String passwordHash) {
        String tenant = TenantOrPlatform.condition("tenant_id", tenantId);
        jdbc.sql("update operator set password_hash = :hash, must_change_password = false where " + tenant
                        + " and id = :id")
                .param("tenantId", tenantId)
                .param("id", id)
                .param("hash", passwordHash)
                .update();
        jdbc.sql("update login_token set revoked_at = now() where " + tenant
                        + " and operator_id = :id and revoked_at is null")
                .param("tenantId", tenantId)
                .param("id", id)
                .update();
    }

    /** Every login token of the operator stops working (a password change). */
    void revokeLoginTokens(long tenantId, long operatorId) {
        jdbc.sql("""
                        update login_token set revoked_at = now()
                        where tenant_id = :tenantId and operator_id = :id and revoked_at is null
                        """).param("tenantId", tenantId).param("id", operatorId).update();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    /**
     * Stores a token's hash, entered in the credential directory in the same transaction; answers when
     * it expires, as stored (what the token check compares).
     */
    @Transactional
    OffsetDateTime insertLoginToken(Long tenantId, long operatorId, String tokenHash, Duration ttl) {
        credentials.enter(tokenHash, tenantId);
        // seconds times an interval rather than make_interval(secs => …): ShardingSphere's parser
        // (the sharded mode) refuses named arguments
        return jdbc.sql("""
                        insert into login_token (tenant_id, operator_id, token_hash, expires_at)
                        values (:tenantId, :operatorId, :hash, now() + :ttl * interval '1 second') returning expires_at
                        """)
                .param("tenantId", tenantId)
                .param("operatorId", operatorId)
                .param("hash", tokenHash)
                .param("ttl", ttl.toSeconds())
                .query(OffsetDateTime.class)
                .single();
    }

    void revokeLoginToken(Long tenantId, String tokenHash) {
        jdbc.sql("update login_token set revoked_at = now() where "
                        + TenantOrPlatform.condition("tenant_id", tenantId)
                        + " and token_hash = :hash and revoked_at is null")
                .param("tenantId", tenantId)
                .param("hash", tokenHash)
                .update();
    }
}
