package com.membercard.tenancy;

import java.time.Duration;
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

@Repository
class JdbcOperators {

    /** What sign-in needs of an operator, found by username alone (sign-in is how a tenant is found). */
    record Login(long id, Long tenantId, String passwordHash, boolean active, boolean locked, int failedLogins) {}

    private static final RowMapper<Operator> OPERATOR = new DataClassRowMapper<>(Operator.class);
    private static final String COLUMNS = "id, username, name, role, shop_id, active";

    private final JdbcClient jdbc;

    JdbcOperators(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts an operator; a username already used anywhere answers empty. */
    Optional<Long> insert(Long tenantId, String username, String passwordHash, String name, Role role, Long shopId) {
        try {
            return Optional.of(jdbc.sql("""
                            insert into operator (tenant_id, username, password_hash, name, role, shop_id)
                            values (:tenantId, :username, :hash, :name, :role, :shopId) returning id
                            """)
                    .param("tenantId", tenantId)
                    .param("username", username)
                    .param("hash", passwordHash)
                    .param("name", name)
                    .param("role", role.name())
                    .param("shopId", shopId)
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

    Optional<Login> loginOf(String username) {
        return jdbc.sql("""
                        select id, tenant_id, password_hash, active,
                               coalesce(locked_until > now(), false) as locked, failed_logins
                        from operator where lower(username) = lower(:username)
                        """)
                .param("username", username)
                .query(new DataClassRowMapper<>(Login.class))
                .optional();
    }

    /** Counts a wrong password; the {@code maxFailures}-th in a row locks sign-in for {@code lockFor}. */
    void recordFailedLogin(long id, int maxFailures, Duration lockFor) {
        jdbc.sql("""
                        update operator set
                            failed_logins = case when failed_logins + 1 >= :max then 0 else failed_logins + 1 end,
                            locked_until = case when failed_logins + 1 >= :max
                                                then now() + make_interval(secs => :lockSeconds) else locked_until end
                        where id = :id
                        """)
                .param("id", id)
                .param("max", maxFailures)
                .param("lockSeconds", lockFor.toSeconds())
                .update();
    }

    void recordSuccessfulLogin(long id) {
        jdbc.sql("update operator set failed_logins = 0, locked_until = null where id = :id")
                .param("id", id)
                .update();
    }

    long insertLoginToken(Long tenantId, long operatorId, String tokenHash, Duration ttl) {
        return jdbc.sql("""
                        insert into login_token (tenant_id, operator_id, token_hash, expires_at)
                        values (:tenantId, :operatorId, :hash, now() + make_interval(secs => :ttl)) returning id
                        """)
                .param("tenantId", tenantId)
                .param("operatorId", operatorId)
                .param("hash", tokenHash)
                .param("ttl", ttl.toSeconds())
                .query(Long.class)
                .single();
    }

    void revokeLoginToken(String tokenHash) {
        jdbc.sql("update login_token set revoked_at = now() where token_hash = :hash and revoked_at is null")
                .param("hash", tokenHash)
                .update();
    }
}
