package com.membercard.card;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxFailedAttempts wrong secrets or PINs on one card that lock it (DOMAIN.md: 5)
 * @param lockWindow the window the failures count in, and how long the lock lasts (15 minutes)
 */
@ConfigurationProperties("membercard.card")
record CardProperties(
        @DefaultValue("5") int maxFailedAttempts,
        @DefaultValue("15m") Duration lockWindow) {}
