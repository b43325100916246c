package com.membercard.tenancy;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Whose tenant a bearer secret's hash is ({@code credential_directory}, V33): the one question about a
 * credential that names no tenant, answered by one table (on node 0 in the sharded mode), so that the
 * credential itself is then read where its tenant's rows are. A hash's tenant never changes, so the
 * answers found are kept per instance (not the misses: a key made on another instance may arrive);
 * whether the key or token still works is read from its own row every time.
 */
@Repository
class CredentialDirectory {

    /** The tenant a credential belongs to; {@code tenantId} null: a platform administrator's. */
    record Owner(Long tenantId) {}

    private static final int MAX_ENTRIES = 100_000;

    private final JdbcClient jdbc;
    private final Map<String, Owner> owners = new ConcurrentHashMap<>();

    CredentialDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Enters a new key's or token's hash; call it in the transaction that inserts the key or token. */
    void enter(String secretHash, Long tenantId) {
        jdbc.sql("insert into credential_directory (secret_hash, tenant_id) values (:hash, :tenantId)")
                .param("hash", secretHash)
                .param("tenantId", tenantId)
                .update();
        // known before the commit: a secret whose transaction rolls back was never handed out
        remember(secretHash, new Owner(tenantId));
    }

    /** The owner of a hash; empty for a hash never entered. */
    Optional<Owner> ownerOf(String secretHash) {
        Owner known = owners.get(secretHash);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Owner> found = jdbc.sql("select tenant_id from credential_directory where secret_hash = :hash")
                .param("hash", secretHash)
                .query((rs, n) -> new Owner((Long) rs.getObject("tenant_id")))
                .optional();
        found.ifPresent(owner -> remember(secretHash, owner));
        return found;
    }

    private void remember(String secretHash, Owner owner) {
        if (owners.size() >= MAX_ENTRIES) {
            owners.clear(); // bounded; refilled one lookup per credential in use
        }
        owners.put(secretHash, owner);
    }
}
