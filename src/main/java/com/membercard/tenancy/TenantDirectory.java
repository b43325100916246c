package com.membercard.tenancy;

import com.membercard.shared.BusinessException;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** What other modules may ask about a tenant: whether it exists and which time zone it keeps. */
@Service
public class TenantDirectory {

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    private final JdbcClient jdbc;
    private final OperatorManagement operators;
    /** Time zones rarely change; a change through {@link TenantManagement} evicts the entry. */
    private final Map<Long, ZoneId> zones = new ConcurrentHashMap<>();

    TenantDirectory(JdbcClient jdbc, OperatorManagement operators) {
        this.jdbc = jdbc;
        this.operators = operators;
    }

    public boolean exists(long tenantId) {
        return jdbc.sql("select exists (select 1 from tenant where id = :tenantId)")
                .param("tenantId", tenantId)
                .query(Boolean.class)
                .single();
    }

    public boolean anyTenantExists() {
        return jdbc.sql("select exists (select 1 from tenant)")
                .query(Boolean.class)
                .single();
    }

    /** A tenant id named by a platform administrator must exist: 404 otherwise. */
    public void requireExists(long tenantId) {
        if (!exists(tenantId)) {
            throw BusinessException.notFound("entity.tenant");
        }
    }

    public ZoneId zoneOf(long tenantId) {
        return zones.computeIfAbsent(
                tenantId,
                id -> ZoneId.of(jdbc.sql("select time_zone from tenant where id = :tenantId")
                        .param("tenantId", id)
                        .query(String.class)
                        .single()));
    }

    /**
     * The actor of a command: {@code userId}, when the request names one, must be an active operator
     * of the caller's tenant (400 otherwise); else the signed-in operator, if any. The credential
     * (its key, or its signed-in operator) is kept beside it, whatever the request names.
     */
    public Actor actor(Caller caller, Long userId) {
        Long operatorId = caller.operatorId();
        if (userId != null) {
            if (!operators.isActive(caller.tenantId(), userId)) {
                throw BusinessException.invalid("userId", "error.unknownOperator");
            }
            operatorId = userId;
        }
        return new Actor(operatorId, caller.apiKeyId(), caller.shopId(), caller.operatorId());
    }

    void forgetZone(long tenantId) {
        zones.remove(tenantId);
    }
}
