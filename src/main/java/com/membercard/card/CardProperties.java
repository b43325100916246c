package com.membercard.card;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxFailedAttempts wrong secrets or PINs on one card that lock it (DOMAIN.md: 5)
 * @param lockWindow the window the failures count in, and how long the lock lasts (15 minutes); also
 *     the window of a credential's misses by secret alone
 * @param freeSecretMisses misses by secret alone a credential may make in the window before each
 *     next lookup by secret alone must wait (1 s, then 2 s, 4 s … up to {@code maxSecretMissDelay})
 * @param secretMissLimit misses by secret alone after which the credential is refused such lookups
 *     until its window ends
 * @param tenantSecretMissAlert misses by secret alone across a tenant's credentials in the window at
 *     which the administrators get an event
 */
@ConfigurationProperties("membercard.card")
record CardProperties(
        @DefaultValue("5") int maxFailedAttempts,
        @DefaultValue("15m") Duration lockWindow,
        @DefaultValue("5") int freeSecretMisses,
        @DefaultValue("20") int secretMissLimit,
        @DefaultValue("60s") Duration maxSecretMissDelay,
        @DefaultValue("100") int tenantSecretMissAlert) {}
