package com.membercard.tenancy;

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
 * forgets everything at once on this instance; another instance follows within {@link #FOR}.
 */
@Component
class Credentials {

    static final Duration FOR = Duration.ofSeconds(5);
    private static final int MAX_ENTRIES = 10_000;

    private record Known(Optional<Caller> caller, Instant until) {}

    private final Map<String, Known> known = new ConcurrentHashMap<>();

    Optional<Caller> resolve(String secretHash, Function<String, Optional<Caller>> lookup) {
        Known hit = known.get(secretHash);
        if (hit != null && hit.until().isAfter(Instant.now())) {
            return hit.caller();
        }
        Optional<Caller> caller = lookup.apply(secretHash);
        if (caller.isPresent()) {
            if (known.size() >= MAX_ENTRIES) {
                known.clear();
            }
            known.put(secretHash, new Known(caller, Instant.now().plus(FOR)));
        }
        return caller;
    }

    void forgetAll() {
        known.clear();
    }
}
