package com.membercard.scanpay;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How long scan pay waits for a customer confirming on the phone, and how the janitor spaces its
 * questions: the channels prescribe a query about every 5 s within about 30 s before the order is
 * reversed ({@code membercard.scanpay.*}, README "Scan pay").
 */
@Component
class ScanPayTimings {

    final Duration pollInterval;
    final Duration pollBudget;
    final Duration janitorBackoff;
    final Duration janitorMaxBackoff;

    ScanPayTimings(
            @Value("${membercard.scanpay.poll-interval:5s}") Duration pollInterval,
            @Value("${membercard.scanpay.poll-budget:30s}") Duration pollBudget,
            @Value("${membercard.scanpay.janitor-backoff:10s}") Duration janitorBackoff,
            @Value("${membercard.scanpay.janitor-max-backoff:10m}") Duration janitorMaxBackoff) {
        this.pollInterval = pollInterval;
        this.pollBudget = pollBudget;
        this.janitorBackoff = janitorBackoff;
        this.janitorMaxBackoff = janitorMaxBackoff;
    }

    /** The wait before the janitor's next question about an attempt asked {@code checks} times. */
    Duration backoff(int checks) {
        Duration wait = janitorBackoff.multipliedBy(1L << Math.min(Math.max(checks - 1, 0), 16));
        return wait.compareTo(janitorMaxBackoff) > 0 ? janitorMaxBackoff : wait;
    }
}
