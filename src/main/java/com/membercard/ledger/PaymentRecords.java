package com.membercard.ledger;

import com.membercard.shared.Money;
import com.membercard.shared.PaymentType;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * How recharges were paid (their details), so that refunds can follow the money back: a record's
 * refundable money is what it brought less what was already sent back along it. Records belong to
 * the member, across the cards a replacement moved them over.
 */
@Service
public class PaymentRecords {

    /** A payment record and what of it can still go back. */
    public record Record(long id, long billId, PaymentType paymentType, Money money, Money refundable) {}

    private final JdbcClient jdbc;

    PaymentRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public long record(long tenantId, long billId, long cardId, PaymentType paymentType, Money money) {
        return jdbc.sql("""
                        insert into payment_record (tenant_id, bill_id, card_id, payment_type, money)
                        values (:tenantId, :billId, :cardId, :paymentType, :money)
                        returning id
                        """)
                .param("tenantId", tenantId)
                .param("billId", billId)
                .param("cardId", cardId)
                .param("paymentType", paymentType.code())
                .param("money", money.amount())
                .query(Long.class)
                .single();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void refund(long tenantId, long billId, long recordId, Money money) {
        jdbc.sql("""
                        insert into payment_refund (tenant_id, bill_id, payment_record_id, money)
                        values (:tenantId, :billId, :recordId, :money)
                        """)
                .param("tenantId", tenantId)
                .param("billId", billId)
                .param("recordId", recordId)
                .param("money", money.amount())
                .update();
    }

    /**
     * Money sent back along record {@code recordId} that came back (op27: the gateway refused the
     * refund): a negative refund row of bill {@code billId}, so the record can be refunded again.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void giveBack(long tenantId, long billId, long recordId, Money money) {
        refund(tenantId, billId, recordId, money.negate());
    }

    /** The member's records with money left to refund, newest first. */
    public List<Record> refundable(long tenantId, long memberId) {
        return query(tenantId, "c.member_id = :value", memberId).stream()
                .filter(r -> r.refundable().isPositive())
                .toList();
    }

    /** The records of one recharge bill, whatever is left of them. */
    public List<Record> ofBill(long tenantId, long billId) {
        return query(tenantId, "r.bill_id = :value", billId);
    }

    private List<Record> query(long tenantId, String condition, long value) {
        return jdbc.sql("""
                        select r.id, r.bill_id, r.payment_type, r.money,
                               r.money - coalesce((select sum(f.money) from payment_refund f
                                                   where f.tenant_id = r.tenant_id and f.payment_record_id = r.id), 0)
                                   as refundable
                        from payment_record r join card c on c.tenant_id = r.tenant_id and c.id = r.card_id
                        where r.tenant_id = :tenantId and %s
                        order by r.id desc
                        """.formatted(condition))
                .param("tenantId", tenantId)
                .param("value", value)
                .query((rs, n) -> new Record(
                        rs.getLong("id"),
                        rs.getLong("bill_id"),
                        PaymentType.ofCode(rs.getInt("payment_type")),
                        Money.of(rs.getBigDecimal("money")),
                        Money.of(rs.getBigDecimal("refundable"))))
                .list();
    }
}
