package com.membercard.shared.jdbc;

/**
 * The condition of a statement over one tenant or, for the platform's checks, over every tenant: a
 * plain equality on the tenant column when a tenant is named, so that the sharded mode can route the
 * statement to that tenant's node (a condition such as {@code (:tenantId is null or tenant_id =
 * :tenantId)} names no single tenant and goes to every node). The statement binds {@code :tenantId}.
 */
public final class OneTenantOrAll {

    private OneTenantOrAll() {}

    public static String condition(String tenantColumn, Long tenantId) {
        return tenantId == null ? "true" : tenantColumn + " = :tenantId";
    }
}
