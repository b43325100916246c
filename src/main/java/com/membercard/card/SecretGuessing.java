package com.membercard.card;

import com.membercard.shared.BusinessCode;
import com.membercard.shared.BusinessException;
import com.membercard.shared.security.SecurityEvent;
import com.membercard.tenancy.Caller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A secret presented without a card code (op07, op08, op22 find the card by it; op19 and op35 refuse
 * one that another card has) is a guess no card can count: it counts against the credential that
 * sent it, so that one credential cannot try secrets against every card of a tenant at full speed.
 * The first {@link CardProperties#freeSecretMisses} misses in the window are free; after each further
 * one the credential waits 1, 2, 4 … seconds (at most {@link CardProperties#maxSecretMissDelay})
 * before its next such lookup, and from {@link CardProperties#secretMissLimit} on it is refused them
 * until the window ends: 613 either way. Other credentials of the tenant are not held back; the
 * administrators get an event when one credential is refused and when the tenant's misses reach
 * {@link CardProperties#tenantSecretMissAlert}. Work without a request (a job) is not counted.
 *
 * <p>Past its free misses, a lookup takes the credential's turn first ({@link #takeTurn}).
 */
@Component
class SecretGuessing {

    /** The tenant-wide count's row: no credential is named so ({@link Caller#credential}). */
    private static final String TENANT = "tenant";

    private record Misses(Instant firstMissAt, int misses, Instant retryAt) {}

    private final JdbcClient jdbc;
    private final CardProperties properties;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    SecretGuessing(JdbcClient jdbc, CardProperties properties, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Before a lookup by secret alone (op07, op08, op22), in the transaction that will count its miss
     * and that commits even when it answers a refusal: answers 613 while the credential must wait or
     * is refused. Once the credential has used its free misses, its lookups take turns: its row is
     * locked until the lookup's miss is counted, so that a burst of guesses is decided one at a time,
     * each on the count of those before it. Before that they run side by side (a credential that
     * does not guess must not queue): lookups already on their way when the free misses run out
     * finish, at most as many as the service serves at once.
     */
    @Transactional(propagation = Propagation.MANDATORY, noRollbackFor = BusinessException.class)
    public void takeTurn(long tenantId) {
        Caller.current().ifPresent(caller -> {
            Optional<Misses> misses = misses(tenantId, caller, false);
            if (misses.isPresent() && misses.get().misses() >= properties.freeSecretMisses()) {
                misses = misses(tenantId, caller, true);
            }
            requireAllowed(misses);
        });
    }

    /**
     * Before a new card's secret is looked up (op19, op35, whose transaction rolls back on a taken
     * one): answers 613 as {@link #takeTurn} does, but takes no lock, since its miss is counted in a
     * transaction of its own ({@link #missOnItsOwn}) that would wait for it. A burst of such creations
     * is therefore decided on the count before it, each one creating a card when its secret is free.
     */
    void requireAllowed(long tenantId) {
        Caller.current().ifPresent(caller -> requireAllowed(misses(tenantId, caller, false)));
    }

    /** The credential's misses in the window, its row locked when {@code lock}. */
    private Optional<Misses> misses(long tenantId, Caller caller, boolean lock) {
        Instant windowStart = clock.instant().minus(properties.lockWindow());
        return jdbc.sql("""
                        select first_miss_at, misses, retry_at from card_secret_miss
                        where tenant_id = :tenantId and credential = :credential
                        """ + (lock ? " for update" : ""))
                .param("tenantId", tenantId)
                .param("credential", caller.credential())
                .query((rs, n) -> new Misses(
                        rs.getObject("first_miss_at", OffsetDateTime.class).toInstant(),
                        rs.getInt("misses"),
                        Optional.ofNullable(rs.getObject("retry_at", OffsetDateTime.class))
                                .map(OffsetDateTime::toInstant)
                                .orElse(null)))
                .optional()
                .filter(m -> m.firstMissAt().isAfter(windowStart));
    }

    private void requireAllowed(Optional<Misses> misses) {
        if (misses.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        if (misses.get().misses() >= properties.secretMissLimit()) {
            Instant end = misses.get().firstMissAt().plus(properties.lockWindow());
            throw new BusinessException(
                    BusinessCode.SECRET_GUESSING, "error.secretMissesRefused", secondsUntil(end, now));
        }
        if (misses.get().retryAt() != null && misses.get().retryAt().isAfter(now)) {
            throw new BusinessException(
                    BusinessCode.SECRET_GUESSING,
                    "error.secretMissesWait",
                    secondsUntil(misses.get().retryAt(), now));
        }
    }

    /** Counts a miss of the caller's credential, in the transaction that took its turn. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void miss(long tenantId) {
        Optional<Caller> caller = Caller.current();
        if (caller.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        int misses = count(tenantId, caller.get().credential(), now);
        int beyondFree = misses - properties.freeSecretMisses();
        if (beyondFree > 0) {
            Duration delay = Duration.ofSeconds(1L << Math.min(beyondFree - 1, 20));
            if (delay.compareTo(properties.maxSecretMissDelay()) > 0) {
                delay = properties.maxSecretMissDelay();
            }
            jdbc.sql("update card_secret_miss set retry_at = :retryAt"
                            + " where tenant_id = :tenantId and credential = :credential")
                    .param("tenantId", tenantId)
                    .param("credential", caller.get().credential())
                    .param("retryAt", at(now.plus(delay)))
                    .update();
        }
        if (misses == properties.secretMissLimit()) {
            publish(tenantId, caller.get(), caller.get().credential(), misses);
        }
        // the tenant's own row: counted under its lock, so that exactly one miss reaches the alert
        int tenantMisses = count(tenantId, TENANT, now);
        if (tenantMisses == properties.tenantSecretMissAlert()) {
            publish(tenantId, caller.get(), TENANT, tenantMisses);
        }
    }

    /** Counts a miss in a transaction of its own: the caller's rolls back with its 409. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void missOnItsOwn(long tenantId) {
        miss(tenantId);
    }

    /**
     * Adds a miss to a row, restarted when its window has ended; answers the misses in the window.
     * The update takes no parameter (the window a literal, now the inserted row's): ShardingSphere
     * writes an insert out again with its values' parameters only.
     */
    private int count(long tenantId, String credential, Instant now) {
        String windowStart =
                "excluded.first_miss_at - interval '" + properties.lockWindow().toMillis() + " milliseconds'";
        return jdbc.sql("""
                        insert into card_secret_miss (tenant_id, credential, first_miss_at, misses)
                        values (:tenantId, :credential, :now, 1)
                        on conflict (tenant_id, credential) do update set
                            misses = case when card_secret_miss.first_miss_at > %1$s
                                          then card_secret_miss.misses + 1 else 1 end,
                            first_miss_at = case when card_secret_miss.first_miss_at > %1$s
                                                 then card_secret_miss.first_miss_at else excluded.first_miss_at end,
                            retry_at = null
                        returning misses
                        """.formatted(windowStart))
                .param("tenantId", tenantId)
                .param("credential", credential)
                .param("now", at(now))
                .query(Integer.class)
                .single();
    }

    private void publish(long tenantId, Caller caller, String subject, long misses) {
        events.publishEvent(new SecurityEvent(
                tenantId,
                SecurityEvent.Kind.CARD_SECRET_MISSES_THROTTLED,
                caller.operatorId(),
                caller.apiKeyId(),
                subject,
                null,
                misses + " wrong card secrets without a card code within " + properties.lockWindow()));
    }

    private static long secondsUntil(Instant end, Instant now) {
        return Math.max(1, Duration.between(now, end).toSeconds());
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
