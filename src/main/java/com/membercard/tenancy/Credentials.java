package com.membercard.tenancy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The callers behind bearer secrets, kept in memory for a few seconds so that a till's requests do
 * not each look their key up. Revoking a key, signing out, or changing or deactivating an operator
 * forgets everything at once on this instance; another instance follows within {@link #FOR}. A
 * key's expiry is checked on every request, on the service's clock, cached or not.
 */
@Component
class Credentials {

    /**
     * What a bearer secret stands for.
     *
     * @param expiresAt when an API key stops working; null: never (login tokens expire in the query)
     * @param mustChangePassword the operator signed in with a one-time password: the token may only change it
     */
    record Found(Caller caller, Instant expiresAt, boolean mustChangePassword) {}

    static final Duration FOR = Duration.ofSeconds(5);
    private static final int MAX_ENTRIES = 10_000;

    private record Known(Optional<Found> found, Instant until) {}

    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final Clock clock;

    Credentials(Clock clock) {
        this.clock = clock;
    }

    Optional<Found> resolve(String secretHash, Function<String, Optional<Found>> lookup) {
        Known hit = known.get(secretHash);
        Optional<Found> found;
        if (hit != null && hit.until().isAfter(Instant.now())) {
            found = hit.found();
        } else {
            found = lookup.apply(secretHash);
            if (found.isPresent()) {
                if (known.size() >= MAX_ENTRIES) {
                    known.clear();
                }
                known.put(secretHash, new Known(found, Instant.now().plus(FOR)));
            }
        }
        Instant now = clock.instant();
        return found.filter(f -> f.expiresAt() == null || f.expiresAt().isAfter(now));
    }

    void forgetAll() {
        known.clear();
    }
}
