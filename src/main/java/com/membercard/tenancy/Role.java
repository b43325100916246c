package com.membercard.tenancy;

/** What a credential may do. See {@link AccessRules} for which endpoints each role reaches. */
public enum Role {
    /** Runs the service: creates tenants, may act across tenants (op04, op10, op40). No tenant of its own. */
    PLATFORM_ADMIN,
    /** Runs one tenant: catalogue, shops, operators, API keys, reports, every shop. */
    TENANT_ADMIN,
    /** Till operations. */
    CASHIER,
    /** Read-only: reports and lists. */
    AUDITOR;

    public String authority() {
        return "ROLE_" + name();
    }
}
