package com.membercard.shared.jdbc;

/**
 * The sharded mode's tenants with a copy on two nodes while they are moved (module sharding,
 * README "Sharded mode", "Moving a tenant"): a lookup that names no tenant (a credential by its hash)
 * is asked on every node and may find both copies, of which only the one on the tenant's placed node
 * is live. No bean in single-node mode, where every tenant has one copy.
 */
public interface TenantCopies {

    /** Whether the tenant's rows may be on two nodes now: ask again naming the tenant, on its node. */
    boolean twoCopies(long tenantId);
}
