package com.membercard.tenancy;

import com.membercard.tenancy.JdbcOperators.Failures;
import com.membercard.tenancy.JdbcOperators.Locked;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Decides a sign-in attempt (or the current-password check of a password change) whose password was
 * already checked, under the operator row's lock: whether the attempt may count at all (its client
 * address is not over its limit, nor waiting out its backoff on this operator), and if so whether
 * it succeeds; a failure is counted before the lock is let go. Attempts on one operator therefore
 * queue here one by one, and a parallel burst of n wrong passwords counts n and gets no more tries
 * than the same attempts one after the other.
 *
 * <p>The slow password hash runs before, outside any transaction, so that a burst does not hold
 * database connections while hashing; the hash checked is compared with the locked row's, so a
 * password changed meanwhile is not accepted on the old one.
 */
@Component
class SignInAttempts {

    enum Verdict {
        ACCEPTED,
        /** the password was checked and is wrong (or the operator is deactivated) */
        REFUSED,
        /** not checked: the address is over its limit or waits out its backoff on this operator */
        THROTTLED
    }

    /** @param failures the failures in a row from this address now (0 after a success) */
    record Decision(Verdict verdict, Locked operator, int failures) {}

    /** Failures from an address older than this are forgotten: its next failure counts from 1 again. */
    static final Duration FORGET_AFTER = Duration.ofDays(1);

    private final JdbcOperators operators;
    private final ClientAddressLimiter addresses;
    private final SignInBackoff backoff;
    private final Clock clock;

    SignInAttempts(JdbcOperators operators, ClientAddressLimiter addresses, AuthProperties properties, Clock clock) {
        this.operators = operators;
        this.addresses = addresses;
        this.backoff = new SignInBackoff(properties.maxFailedLogins(), properties.loginLock());
        this.clock = clock;
    }

    @Transactional
    public Decision decide(
            Long tenantId, long operatorId, String checkedHash, boolean passwordMatches, String address) {
        Locked operator = operators
                .lockForSignIn(tenantId, operatorId)
                .orElseThrow(() -> new IllegalStateException("operator " + operatorId + " vanished"));
        Instant now = clock.instant();
        Failures before = operators
                .failuresFrom(operatorId, address)
                .filter(failures -> failures.lastFailedAt().isAfter(now.minus(FORGET_AFTER)))
                .orElse(new Failures(0, now, null));
        boolean throttled = addresses.blocked(address)
                || (before.blockedUntil() != null && before.blockedUntil().isAfter(now));
        if (!throttled
                && passwordMatches
                && operator.active()
                && operator.passwordHash().equals(checkedHash)) {
            operators.clearFailures(tenantId, operatorId, address, now.minus(FORGET_AFTER));
            return new Decision(Verdict.ACCEPTED, operator, 0);
        }
        int failures = before.failures() + 1;
        Duration wait = backoff.after(failures);
        Instant blockedUntil = wait.isZero() ? before.blockedUntil() : later(now.plus(wait), before.blockedUntil());
        operators.recordFailure(tenantId, operatorId, address, new Failures(failures, now, blockedUntil));
        addresses.recordFailure(address);
        return new Decision(throttled ? Verdict.THROTTLED : Verdict.REFUSED, operator, failures);
    }

    private static Instant later(Instant a, Instant b) {
        return b == null || a.isAfter(b) ? a : b;
    }
}
