package com.membercard.tenancy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in settings.
 *
 * @param tokenTtl how long a login token lives
 * @param maxFailedLogins wrong passwords in a row that lock an operator's sign-in
 * @param loginLock how long that lock lasts
 */
@ConfigurationProperties("membercard.auth")
record AuthProperties(
        @DefaultValue("8h") Duration tokenTtl,
        @DefaultValue("5") int maxFailedLogins,
        @DefaultValue("15m") Duration loginLock) {}
