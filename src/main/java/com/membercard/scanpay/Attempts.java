package com.membercard.scanpay;

import com.membercard.shared.Money;
import com.membercard.shared.PaymentType;
import com.membercard.shared.jdbc.TenantNode;
import com.membercard.tenancy.Actor;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The attempts (scan_payment, one per call that can move money at a gateway) and their outcomes
 * (scan_payment_outcome, appended). Both tables are insert-only: an attempt's state is its newest
 * outcome, and none means pending (written, the gateway's answer not yet in).
 */
@Repository
class Attempts {

    enum Kind {
        PAY,
        /** op26: a refund of a scan payment */
        REFUND,
        /** op27: a part of a card's balance refund, sent back along the scan payment that paid its recharge */
        BALANCE_REFUND
    }

    /** Outcome states, as the original document's codes. */
    static final int PAID = 701;

    static final int FAILED = 702;
    static final int UNKNOWN = 703;
    static final int CODE_EXPIRED = 704;
    static final int REVERSED = 1003;

    /**
     * An attempt with its newest outcome.
     *
     * @param status null while pending
     * @param transactionId the gateway's transaction id, once an outcome named one
     * @param checks how many outcomes it has (the janitor's backoff)
     */
    record Attempt(
            long tenantId,
            long id,
            Kind kind,
            String orderCode,
            String gateway,
            String gatewayOrderNo,
            PaymentType paymentType,
            Money money,
            Long paidAttemptId,
            OffsetDateTime createdAt,
            Integer status,
            String transactionId,
            int checks) {

        boolean open() {
            return status == null || status == UNKNOWN;
        }
    }

    private static final String SELECT = """
            select p.tenant_id, p.id, p.kind, p.order_code, p.gateway, p.gateway_order_no, p.payment_type, p.money,
                   p.paid_attempt_id, p.created_at,
                   (select o.status from scan_payment_outcome o
                    where o.tenant_id = p.tenant_id and o.scan_payment_id = p.id order by o.id desc limit 1) as status,
                   (select o.gateway_txn from scan_payment_outcome o
                    where o.tenant_id = p.tenant_id and o.scan_payment_id = p.id and o.gateway_txn is not null
                    order by o.id desc limit 1) as gateway_txn,
                   (select count(*) from scan_payment_outcome o
                    where o.tenant_id = p.tenant_id and o.scan_payment_id = p.id) as checks
            from scan_payment p
            """;

    private final JdbcClient jdbc;
    private final TenantNode tenantNode;

    Attempts(JdbcClient jdbc, TenantNode tenantNode) {
        this.jdbc = jdbc;
        this.tenantNode = tenantNode;
    }

    /**
     * Queues the transaction behind any other working on the same order of the tenant, until it ends.
     * On the tenant's node ({@link TenantNode}): a statement that names no table would take the lock
     * on another node's connection, which the sharded mode may commit before the order's rows.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void lockOrder(long tenantId, Kind kind, String orderCode) {
        jdbc.sql(tenantNode.pin(tenantId, "select pg_advisory_xact_lock(hashtextextended(:key, 0))"))
                .param("key", "scanpay:" + tenantId + ":" + kind + ":" + orderCode)
                .query()
                .listOfRows();
    }

    /** The order's attempts, oldest first. */
    List<Attempt> ofOrder(long tenantId, Kind kind, String orderCode) {
        return jdbc.sql(SELECT + " where p.tenant_id = :tenantId and p.kind = :kind and p.order_code = :orderCode"
                        + " order by p.id")
                .param("tenantId", tenantId)
                .param("kind", kind.name())
                .param("orderCode", orderCode)
                .query((rs, n) -> attempt(rs))
                .list();
    }

    Optional<Attempt> byId(long tenantId, long id) {
        return jdbc.sql(SELECT + " where p.tenant_id = :tenantId and p.id = :id")
                .param("tenantId", tenantId)
                .param("id", id)
                .query((rs, n) -> attempt(rs))
                .optional();
    }

    /**
     * The tenant's attempts at {@code gateway} written in [{@code from}, {@code to}), payments and
     * refunds, with the payment's gateway order number beside each refund (how statements name them).
     */
    List<DayAttempt> ofPeriod(long tenantId, String gateway, OffsetDateTime from, OffsetDateTime to) {
        return jdbc.sql("select a.*, paid.gateway_order_no as paid_order_no from (" + SELECT + """
                        where p.tenant_id = :tenantId and p.gateway = :gateway
                          and p.created_at >= :from and p.created_at < :to
                        ) a left join scan_payment paid on paid.tenant_id = a.tenant_id and paid.id = a.paid_attempt_id
                        order by a.id
                        """)
                .param("tenantId", tenantId)
                .param("gateway", gateway)
                .param("from", from)
                .param("to", to)
                .query((rs, n) -> new DayAttempt(attempt(rs), rs.getString("paid_order_no")))
                .list();
    }

    /** An attempt of a day, and for a refund its payment's gateway order number. */
    record DayAttempt(Attempt attempt, String paidOrderNo) {}

    /** The refunds of one payment attempt. */
    List<Attempt> refundsOf(long tenantId, long paidAttemptId) {
        return jdbc.sql(SELECT + " where p.tenant_id = :tenantId and p.paid_attempt_id = :paid order by p.id")
                .param("tenantId", tenantId)
                .param("paid", paidAttemptId)
                .query((rs, n) -> attempt(rs))
                .list();
    }

    /**
     * Every tenant's attempts the janitor should ask after now: pending ones written before
     * {@code pendingBefore} (their request is over: the service stopped or lost them), and unknown
     * ones whose next check is due. The job works for the platform; each attempt is then settled
     * within its tenant.
     */
    List<Attempt> due(OffsetDateTime now, OffsetDateTime pendingBefore, int limit) {
        return jdbc.sql("select * from (" + SELECT + """
                        ) a
                        where (a.status is null and a.created_at < :pendingBefore)
                           or (a.status = 703 and coalesce((select o.next_check_at from scan_payment_outcome o
                                 where o.tenant_id = a.tenant_id and o.scan_payment_id = a.id
                                 order by o.id desc limit 1), :now) <= :now)
                        order by a.created_at
                        limit :limit
                        """)
                .param("now", now)
                .param("pendingBefore", pendingBefore)
                .param("limit", limit)
                .query((rs, n) -> attempt(rs))
                .list();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    long insert(
            long tenantId,
            Kind kind,
            String orderCode,
            String payCode,
            PaymentType paymentType,
            Money money,
            Actor actor,
            LocalDate businessDate,
            String gateway,
            String gatewayOrderNo,
            Long paidAttemptId) {
        return jdbc.sql("""
                        insert into scan_payment (tenant_id, kind, order_code, pay_code_last4, payment_type, money,
                                                  shop_id, operator_id, business_date, gateway, gateway_order_no,
                                                  paid_attempt_id)
                        values (:tenantId, :kind, :orderCode, :last4, :paymentType, :money, :shopId, :operatorId,
                                :businessDate, :gateway, :gatewayOrderNo, :paidAttemptId)
                        returning id
                        """)
                .param("tenantId", tenantId)
                .param("kind", kind.name())
                .param("orderCode", orderCode)
                .param("last4", payCode == null ? null : payCode.substring(Math.max(0, payCode.length() - 4)))
                .param("paymentType", paymentType.code())
                .param("money", money.amount())
                .param("shopId", actor.shopId())
                .param("operatorId", actor.operatorId())
                .param("businessDate", businessDate)
                .param("gateway", gateway)
                .param("gatewayOrderNo", gatewayOrderNo)
                .param("paidAttemptId", paidAttemptId)
                .query(Long.class)
                .single();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void settle(long tenantId, long attemptId, int status, String transactionId, String message, OffsetDateTime next) {
        jdbc.sql("""
                        insert into scan_payment_outcome (tenant_id, scan_payment_id, status, gateway_txn, message,
                                                          next_check_at)
                        values (:tenantId, :attemptId, :status, :txn, :message, :next)
                        """)
                .param("tenantId", tenantId)
                .param("attemptId", attemptId)
                .param("status", status)
                .param("txn", transactionId)
                .param("message", message == null ? null : message.substring(0, Math.min(128, message.length())))
                .param("next", next)
                .update();
    }

    private static Attempt attempt(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Attempt(
                rs.getLong("tenant_id"),
                rs.getLong("id"),
                Kind.valueOf(rs.getString("kind")),
                rs.getString("order_code"),
                rs.getString("gateway"),
                rs.getString("gateway_order_no"),
                PaymentType.ofCode(rs.getInt("payment_type")),
                Money.of(rs.getBigDecimal("money")),
                (Long) rs.getObject("paid_attempt_id"),
                rs.getObject("created_at", OffsetDateTime.class),
                (Integer) rs.getObject("status"),
                rs.getString("gateway_txn"),
                rs.getInt("checks"));
    }
}
