package com.membercard.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.web.MockHttpServletRequest;

/** The pure rules of sign-in and exposure, without Spring. */
class SignInRulesTest {

    @Test
    void theBackoffStartsAtTheFifthFailureDoublesAndIsCapped() {
        SignInBackoff backoff = new SignInBackoff(5, Duration.ofMinutes(15));

        assertThat(backoff.after(4)).isZero();
        assertThat(backoff.after(5)).hasSeconds(1);
        assertThat(backoff.after(6)).hasSeconds(2);
        assertThat(backoff.after(10)).hasSeconds(32);
        assertThat(backoff.after(15)).isEqualTo(Duration.ofMinutes(15));
        assertThat(backoff.after(1_000)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void anAddressOverItsFailuresIsRefusedUntilTheyLeaveTheWindow() {
        MovableClock clock = new MovableClock();
        ClientAddressLimiter limiter = new ClientAddressLimiter(3, Duration.ofMinutes(15), clock);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.blocked("198.51.100.1")).isFalse();
            limiter.recordFailure("198.51.100.1");
            clock.now = clock.now.plusSeconds(60);
        }

        assertThat(limiter.blocked("198.51.100.1")).isTrue();
        assertThat(limiter.blocked("198.51.100.2")).isFalse();

        clock.now = clock.now.plus(Duration.ofMinutes(13)); // the first failure leaves the window
        assertThat(limiter.blocked("198.51.100.1")).isFalse();
    }

    @Test
    void onlyASeparateManagementPortIsOpenForMetrics() {
        Environment separate = new MockEnvironment()
                .withProperty("server.port", "8080")
                .withProperty("management.server.port", "9090");
        Environment same = new MockEnvironment().withProperty("server.port", "8080");

        assertThat(SecurityConfig.managementPort(separate).matches(requestOn(9090)))
                .isTrue();
        assertThat(SecurityConfig.managementPort(separate).matches(requestOn(8080)))
                .isFalse();
        assertThat(SecurityConfig.managementPort(same).matches(requestOn(8080))).isFalse();
    }

    private static MockHttpServletRequest requestOn(int port) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/prometheus");
        request.setLocalPort(port);
        return request;
    }

    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-12-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
