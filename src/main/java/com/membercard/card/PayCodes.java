package com.membercard.card;

import com.membercard.shared.BusinessCode;
import com.membercard.shared.BusinessException;
import java.security.SecureRandom;
import java.time.Duration;
import org.springframework.dao.DuplicateKeyException;
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

    PayCodes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether {@code mac} has the form of a payment code rather than a card secret. */
    public static boolean looksLikePayCode(String mac) {
        return mac != null
                && mac.length() == 18
                && mac.startsWith(PREFIX)
                && mac.chars().allMatch(Character::isDigit);
    }

    @Transactional
    public String issue(long tenantId, long cardId) {
        while (true) {
            String code = PREFIX + String.format("%016d", RANDOM.nextLong(10_000_000_000_000_000L));
            try {
                jdbc.sql("""
                                insert into pay_code (tenant_id, code, card_id, expires_at)
                                values (:tenantId, :code, :cardId, now() + make_interval(secs => :seconds))
                                """)
                        .param("tenantId", tenantId)
                        .param("code", code)
                        .param("cardId", cardId)
                        .param("seconds", LIFETIME.toSeconds())
                        .update();
                return code;
            } catch (DuplicateKeyException e) {
                // 10^16 codes: a clash is all but impossible; draw again
            }
        }
    }

    /** The card of a live code, without spending it (op21, op22); 606 when expired or spent. */
    public long cardOf(long tenantId, String code) {
        return jdbc.sql("""
                        select card_id from pay_code
                        where tenant_id = :tenantId and code = :code and used_at is null and expires_at > now()
                        """)
                .param("tenantId", tenantId)
                .param("code", code)
                .query(Long.class)
                .optional()
                .orElseThrow(PayCodes::expired);
    }

    /** Spends the code in the caller's transaction: undone if the payment fails. 606 when not live. */
    @Transactional(propagation = Propagation.MANDATORY)
    public long spend(long tenantId, String code) {
        return jdbc.sql("""
                        update pay_code set used_at = now()
                        where tenant_id = :tenantId and code = :code and used_at is null and expires_at > now()
                        returning card_id
                        """)
                .param("tenantId", tenantId)
                .param("code", code)
                .query(Long.class)
                .optional()
                .orElseThrow(PayCodes::expired);
    }

    private static BusinessException expired() {
        return new BusinessException(BusinessCode.PAY_CODE_EXPIRED);
    }
}
