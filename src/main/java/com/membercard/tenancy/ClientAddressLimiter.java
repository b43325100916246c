package com.membercard.tenancy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Failed sign-ins per client address, over a sliding window: an address with {@code max} failures
 * (on any usernames, known or not) within the window is refused every sign-in until the oldest of
 * them leaves it, so one address cannot spray passwords over many accounts.
 *
 * <p>Kept in this instance's memory: behind several instances each counts its own share (an address
 * gets {@code max} per instance), and a restart forgets. The per-operator backoff, which matters
 * more, is in the database.
 */
@Component
class ClientAddressLimiter {

    /** Beyond this many addresses, those with no failure inside the window are dropped. */
    private static final int MAX_ADDRESSES = 100_000;

    private final int max;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    @Autowired
    ClientAddressLimiter(AuthProperties properties, Clock clock) {
        this(properties.addressMaxFailures(), properties.addressWindow(), clock);
    }

    ClientAddressLimiter(int max, Duration window, Clock clock) {
        this.max = max;
        this.window = window;
        this.clock = clock;
    }

    /** Whether sign-ins from {@code address} are refused now. */
    boolean blocked(String address) {
        Deque<Instant> recent = failures.get(address);
        if (recent == null) {
            return false;
        }
        synchronized (recent) {
            forgetOld(recent, clock.instant());
            return recent.size() >= max;
        }
    }

    void recordFailure(String address) {
        if (failures.size() >= MAX_ADDRESSES) {
            forgetQuietAddresses();
        }
        Deque<Instant> recent = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (recent) {
            Instant now = clock.instant();
            forgetOld(recent, now);
            recent.addLast(now);
            while (recent.size() > max) {
                recent.removeFirst();
            }
        }
    }

    private void forgetOld(Deque<Instant> recent, Instant now) {
        Instant since = now.minus(window);
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(since)) {
            recent.removeFirst();
        }
    }

    private void forgetQuietAddresses() {
        Instant now = clock.instant();
        failures.values().removeIf(recent -> {
            synchronized (recent) {
                forgetOld(recent, now);
                return recent.isEmpty();
            }
        });
    }
}
