package com.membercard.shared.jdbc;

/**
 * The condition on a tenant column for rows of one tenant or, when the tenant is null, the platform's
 * (a platform administrator, their tokens, the platform's security events): {@code tenant_id is null}
 * rather than an equality that a null never meets. Either form names one node in the sharded mode (a
 * null tenant's rows are node 0's). The statement binds {@code :tenantId} when it is not null.
 */
public final class TenantOrPlatform {

    private TenantOrPlatform() {}

    public static String condition(String tenantColumn, Long tenantId) {
        return tenantId == null ? tenantColumn + " is null" : tenantColumn + " = :tenantId";
    }
}
