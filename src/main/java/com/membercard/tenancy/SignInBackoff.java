package com.membercard.tenancy;

import java.time.Duration;

/**
 * How long a client address waits before its next sign-in attempt on an operator counts, after
 * {@code failures} wrong passwords in a row there: nothing for the first {@code free − 1}, then
 * 1 s after the {@code free}-th, doubling with each further failure, never more than {@code cap}.
 * A pure rule: the caller keeps the count, under the operator row's lock.
 */
record SignInBackoff(int free, Duration cap) {

    SignInBackoff {
        if (free < 1) {
            throw new IllegalArgumentException("free must be at least 1");
        }
    }

    Duration after(int failures) {
        if (failures < free) {
            return Duration.ZERO;
        }
        int doublings = failures - free;
        if (doublings >= 40) {
            return cap;
        }
        Duration wait = Duration.ofSeconds(1L << doublings);
        return wait.compareTo(cap) > 0 ? cap : wait;
    }
}
