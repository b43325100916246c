package com.membercard.tenancy;

import java.time.LocalDateTime;

/**
 * An API key as listed: its prefix identifies it, the key itself is never shown again. {@code
 * expiresAt}: in the tenant's time zone, null for a key that does not expire.
 */
public record ApiKey(
        long id, String name, Role role, Long shopId, String keyPrefix, boolean revoked, LocalDateTime expiresAt) {}
