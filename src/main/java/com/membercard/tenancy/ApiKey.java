package com.membercard.tenancy;

/** An API key as listed: its prefix identifies it, the key itself is never shown again. */
record ApiKey(long id, String name, Role role, Long shopId, String keyPrefix, boolean revoked) {}
