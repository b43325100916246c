package com.membercard.tenancy;

import com.membercard.shared.BusinessException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tenants, managed by platform administrators. Tenants are never deleted: they hold members' money.
 */
@Service
public class TenantManagement {

    /** The answer to a creation: the tenant and its first administrator. */
    public record CreatedTenant(long id, String name, String timeZone, long adminId, String adminUsername) {}

    private static final RowMapper<Tenant> TENANT = new DataClassRowMapper<>(Tenant.class);

    private final JdbcClient jdbc;
    private final OperatorManagement operators;
    private final TenantDirectory directory;

    TenantManagement(JdbcClient jdbc, OperatorManagement operators, TenantDirectory directory) {
        this.jdbc = jdbc;
        this.operators = operators;
        this.directory = directory;
    }

    @Transactional
    public CreatedTenant create(TenantRequest request) {
        if (request.adminUsername() == null || request.adminUsername().isBlank()) {
            throw BusinessException.invalid("adminUsername", "error.required");
        }
        if (request.adminPassword() == null) {
            throw BusinessException.invalid("adminPassword", "error.required");
        }
        String zone = checkedZone(request.timeZone());
        // the id drawn once, from one sequence (node 0's in the sharded mode, V33), then inserted as it
        // is on every node that holds the tenant row: no node draws its own
        long id = jdbc.sql("insert into tenant_id_draw (drawn_at) values (now()) returning id")
                .query(Long.class)
                .single();
        jdbc.sql("insert into tenant (id, name, time_zone) values (:id, :name, :zone)")
                .param("id", id)
                .param("name", request.name())
                .param("zone", zone)
                .update();
        long adminId = operators.createTenantAdmin(id, request.adminUsername(), request.adminPassword());
        return new CreatedTenant(id, request.name(), zone, adminId, request.adminUsername());
    }

    // public for the admin console's tenants page, as create already was
    public List<Tenant> list() {
        return jdbc.sql("select id, name, time_zone from tenant order by id")
                .query(TENANT)
                .list();
    }

    Tenant get(long id) {
        return jdbc.sql("select id, name, time_zone from tenant where id = :id")
                .param("id", id)
                .query(TENANT)
                .optional()
                .orElseThrow(() -> BusinessException.notFound("entity.tenant"));
    }

    @Transactional
    void update(long id, TenantRequest request) {
        String zone = checkedZone(request.timeZone());
        int updated = jdbc.sql("update tenant set name = :name, time_zone = :zone where id = :id")
                .param("id", id)
                .param("name", request.name())
                .param("zone", zone)
                .update();
        if (updated == 0) {
            throw BusinessException.notFound("entity.tenant");
        }
        directory.forgetZone(id);
    }

    private static String checkedZone(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return TenantDirectory.DEFAULT_ZONE.getId();
        }
        try {
            return ZoneId.of(timeZone).getId();
        } catch (DateTimeException e) {
            throw BusinessException.invalid("timeZone", "error.timeZone");
        }
    }
}
