package com.membercard.scanpay;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The scan payments whose money paid a recharge (scan_payment_claim), each tied to the recharge's
 * payment record: such a payment is refunded along the card (op27), never by op26.
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

    /** The paid attempt whose money payment record {@code recordId} holds, if a scan payment paid it. */
    Optional<Long> paidAttemptOf(long tenantId, long recordId) {
        return jdbc.sql("""
                        select paid_attempt_id from scan_payment_claim
                        where tenant_id = :tenantId and payment_record_id = :recordId
                        """)
                .param("tenantId", tenantId)
                .param("recordId", recordId)
                .query(Long.class)
                .optional();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void claim(long tenantId, long paidAttemptId, long recordId) {
        jdbc.sql("""
                        insert into scan_payment_claim (tenant_id, paid_attempt_id, payment_record_id)
                        values (:tenantId, :paid, :recordId)
                        """)
                .param("tenantId", tenantId)
                .param("paid", paidAttemptId)
                .param("recordId", recordId)
                .update();
    }
}
