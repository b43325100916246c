package com.membercard.scanpay;

import com.membercard.scanpay.Attempts.Attempt;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Settles the attempts that stayed open: pending ones whose request is long over (the service
 * stopped mid-payment) and unknown ones whose next check is due (backoff, doubling). Each is asked
 * at its gateway and settled as paid, failed or reversed; one the gateway still cannot answer stays
 * unknown and is asked again later, never guessed.
 */
@Component
public class ScanPayJanitor {

    private static final Logger log = LoggerFactory.getLogger(ScanPayJanitor.class);
    private static final int BATCH = 100;

    private final Attempts attempts;
    private final ScanPayments payments;
    private final ScanRefunds refunds;
    private final ScanPayTimings timings;
    private final Duration pendingGrace;
    private final Clock clock;

    ScanPayJanitor(
            Attempts attempts,
            ScanPayments payments,
            ScanRefunds refunds,
            ScanPayTimings timings,
            @Value("${membercard.scanpay.janitor-pending-grace:60s}") Duration pendingGrace,
            Clock clock) {
        this.attempts = attempts;
        this.payments = payments;
        this.refunds = refunds;
        this.timings = timings;
        this.pendingGrace = pendingGrace;
        this.clock = clock;
    }

    /** One round over every tenant's due attempts; answers how many it asked about. */
    @Scheduled(
            fixedDelayString = "${membercard.scanpay.janitor-interval:15s}",
            initialDelayString = "${membercard.scanpay.janitor-interval:15s}")
    public int run() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<Attempt> due = attempts.due(now, now.minus(timings.pollBudget).minus(pendingGrace), BATCH);
        int settled = 0;
        for (Attempt attempt : due) {
            try {
                Attempt after =
                        attempt.kind() == Attempts.Kind.PAY ? payments.followUp(attempt) : refunds.followUp(attempt);
                if (!after.open()) {
                    settled++;
                }
            } catch (RuntimeException e) {
                log.warn(
                        "Scan pay janitor: attempt {} of tenant {} not followed up",
                        attempt.id(),
                        attempt.tenantId(),
                        e);
            }
        }
        if (!due.isEmpty()) {
            log.info("Scan pay janitor asked about {} open attempts, settled {}", due.size(), settled);
        }
        return due.size();
    }
}
