package com.membercard.tenancy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in settings (README, "Sign-in and its limits").
 *
 * @param tokenTtl how long a login token lives
 * @param maxFailedLogins wrong passwords in a row, for one operator from one client address, that
 *     are free; from this one on, that address waits 1 s, then 2 s, 4 s… before its next try counts
 * @param loginLock the longest such wait
 * @param addressMaxFailures failed sign-ins (any username, known or not) one client address may
 *     have within {@code addressWindow}; beyond it every sign-in from that address is refused
 * @param addressWindow the window of {@code addressMaxFailures}
 */
@ConfigurationProperties("membercard.auth")
record AuthProperties(
        @DefaultValue("8h") Duration tokenTtl,
        @DefaultValue("5") int maxFailedLogins,
        @DefaultValue("15m") Duration loginLock,
        @DefaultValue("20") int addressMaxFailures,
        @DefaultValue("15m") Duration addressWindow) {}
