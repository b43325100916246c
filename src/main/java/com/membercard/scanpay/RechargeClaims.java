package com.membercard.scanpay;

import com.membercard.scanpay.Attempts.Attempt;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The scan payments whose money paid a recharge (scan_payment_claim): such a payment is refunded
 * along the card (op27), never by op26.
 */
@Repository
class RechargeClaims {

    private final JdbcClient jdbc;

    RechargeClaims(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean isClaimed(long tenantId, long paidAttemptId) {
        return jdbc.sql("""
                        select exists (select 1 from scan_payment_claim
                                       where tenant_id = :tenantId and paid_attempt_id = :paid)
                        """)
                .param("tenantId", tenantId)
                .param("paid", paidAttemptId)
                .query(Boolean.class)
                .single();
    }

    /** Called when a refund attempt settles as refused, inside that transaction. */
    void refundFailed(Attempt refund) {}
}
