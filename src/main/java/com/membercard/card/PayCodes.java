package com.membercard.card;

import com.membercard.shared.BusinessCode;
import com.membercard.shared.BusinessException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * One-time payment codes (op39): 18 digits, valid 60 seconds, spent by the first card payment or
 * refund that presents one in place of the secret. They start with 88, which no wallet's barcode
 * does (10–15 WeChat, 25–30 Alipay, 62 UnionPay), so the two can never be mistaken for each other.
 */
@Service
public class PayCodes {

    static final String PREFIX = "88";
    static final Duration LIFETIME = Duration.ofSeconds(60);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;
    /** The 16 digits after the prefix: random, or a fixed sequence in a test that forces a clash. */
    private final LongSupplier draws;

    @Autowired
    PayCodes(JdbcClient jdbc, Clock clock) {
        this(jdbc, clock, () -> RANDOM.nextLong(10_000_000_000_000_000L));
    }

    PayCodes(JdbcClient jdbc, Clock clock, LongSupplier draws) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.draws = draws;
    }

    /** Whether {@code mac} has the form of a payment code rather than a card secret. */
    public static boolean looksLikePayCode(String mac) {
        return mac != null
                && mac.length() == 18
                && mac.startsWith(PREFIX)
                && mac.chars().allMatch(Character::isDigit);
    }

    /**
     * A new code for the card. A drawn code that is taken is drawn again; the insert says so by
     * returning nothing ({@code on conflict do nothing}) rather than by failing, because a failed
     * statement aborts the whole transaction in PostgreSQL and the next draw could not be written.
     */
    @Transactional
    public String issue(long tenantId, long cardId) {
        while (true) {
            String code = PREFIX + String.format("%016d", draws.getAsLong());
            Optional<String> inserted = jdbc.sql("""
                            insert into pay_code (tenant_id, code, card_id, expires_at)
                            values (:tenantId, :code, :cardId, :expiresAt)
                            on conflict (tenant_id, code) do nothing
                            returning code
                            """)
                    .param("tenantId", tenantId)
                    .param("code", code)
                    .param("cardId", cardId)
                    .param("expiresAt", now().plus(LIFETIME))
                    .query(String.class)
                    .optional();
            if (inserted.isPresent()) {
                return code;
            }
            // 10^16 codes: a clash is all but impossible; draw again
        }
    }

    /** The card of a live code, without spending it (op21, op22); 606 when expired or spent. */
    public long cardOf(long tenantId, String code) {
        return jdbc.sql("""
                        select card_id from pay_code
                        where tenant_id = :tenantId and code = :code and used_at is null and expires_at > :now
                        """)
                .param("tenantId", tenantId)
                .param("now", now())
                .param("code", code)
                .query(Long.class)
                .optional()
                .orElseThrow(PayCodes::expired);
    }

    /** Spends the code in the caller's transaction: undone if the payment fails. 606 when not live. */
    @Transactional(propagation = Propagation.MANDATORY)
    public long spend(long tenantId, String code) {
        return jdbc.sql("""
                        update pay_code set used_at = :now
                        where tenant_id = :tenantId and code = :code and used_at is null and expires_at > :now
                        returning card_id
                        """)
                .param("tenantId", tenantId)
                .param("now", now())
                .param("code", code)
                .query(Long.class)
                .optional()
                .orElseThrow(PayCodes::expired);
    }

    /** The service's clock decides a code's life, as it decides a card's lock. */
    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private static BusinessException expired() {
        return new BusinessException(BusinessCode.PAY_CODE_EXPIRED);
    }
}
