package com.membercard.ledger;

import com.membercard.shared.Money;
import com.membercard.shared.PaymentType;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What refunds need to know of earlier bills. Bills are found through the member, so that a card's
 * replacement still finds what was paid on the card before it.
 */
@Service
public class LedgerQueries {

    /** A card payment and what of it was refunded already, pot by pot. */
    public record Payment(long billId, Money real, Money gift, Money refundedReal, Money refundedGift) {}

    /** A recharge, and whether it was refunded. */
    public record Recharge(
            long billId,
            String billNo,
            Money payMoney,
            Money giveMoney,
            boolean refunded,
            PaymentType firstPaymentType) {}

    private final JdbcClient jdbc;

    LedgerQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The member's card payment of POS order {@code orderCode}. */
    // "real" quoted: ShardingSphere's parser (the sharded mode) takes a bare real for the type
    public Optional<Payment> paymentOfOrder(long tenantId, long memberId, String orderCode) {
        return jdbc.sql("""
                        select b.id,
                               -sum(e.real_delta) filter (where e.kind = 'PAYMENT') as "real",
                               -sum(e.gift_delta) filter (where e.kind = 'PAYMENT') as gift,
                               coalesce((select sum(r.real_delta) from bill rb
                                         join ledger_entry r on r.tenant_id = rb.tenant_id and r.bill_id = rb.id
                                         where rb.tenant_id = b.tenant_id and rb.related_bill_id = b.id
                                           and r.kind = 'PAYMENT_REFUND'), 0) as refunded_real,
                               coalesce((select sum(r.gift_delta) from bill rb
                                         join ledger_entry r on r.tenant_id = rb.tenant_id and r.bill_id = rb.id
                                         where rb.tenant_id = b.tenant_id and rb.related_bill_id = b.id
                                           and r.kind = 'PAYMENT_REFUND'), 0) as refunded_gift
                        from bill b
                        join card c on c.tenant_id = b.tenant_id and c.id = b.card_id
                        join ledger_entry e on e.tenant_id = b.tenant_id and e.bill_id = b.id
                        where b.tenant_id = :tenantId and b.kind = 'CARD_PAYMENT' and b.order_code = :orderCode
                          and c.member_id = :memberId
                        group by b.tenant_id, b.id
                        """)
                .param("tenantId", tenantId)
                .param("orderCode", orderCode)
                .param("memberId", memberId)
                .query((rs, n) -> new Payment(
                        rs.getLong("id"),
                        Money.of(rs.getBigDecimal("real")),
                        Money.of(rs.getBigDecimal("gift")),
                        Money.of(rs.getBigDecimal("refunded_real")),
                        Money.of(rs.getBigDecimal("refunded_gift"))))
                .optional();
    }

    /** The member's recharge with bill number {@code billNo}. */
    public Optional<Recharge> recharge(long tenantId, long memberId, String billNo) {
        return recharges(tenantId, memberId, "and b.bill_no = :billNo", billNo).stream()
                .findFirst();
    }

    /**
     * A balance refund bill of one payment record (an op27 part): the card, the real money it paid
     * back and the gift money forfeited with it (both positive), and the record it followed.
     */
    public record BalanceRefundPart(
            long billId, long cardId, Long shopId, Long operatorId, Money real, Money gift, long recordId) {}

    public Optional<BalanceRefundPart> balanceRefundPart(long tenantId, String billNo) {
        return jdbc.sql("""
                        select b.id, b.card_id, b.shop_id, b.operator_id,
                               -(select sum(e.real_delta) from ledger_entry e
                                 where e.tenant_id = b.tenant_id and e.bill_id = b.id) as "real",
                               -(select sum(e.gift_delta) from ledger_entry e
                                 where e.tenant_id = b.tenant_id and e.bill_id = b.id) as gift,
                               f.payment_record_id
                        from bill b
                        join payment_refund f on f.tenant_id = b.tenant_id and f.bill_id = b.id
                        where b.tenant_id = :tenantId and b.kind = 'BALANCE_REFUND' and b.bill_no = :billNo
                        """)
                .param("tenantId", tenantId)
                .param("billNo", billNo)
                .query((rs, n) -> new BalanceRefundPart(
                        rs.getLong("id"),
                        rs.getLong("card_id"),
                        (Long) rs.getObject("shop_id"),
                        (Long) rs.getObject("operator_id"),
                        Money.of(rs.getBigDecimal("real")),
                        Money.of(rs.getBigDecimal("gift")),
                        rs.getLong("payment_record_id")))
                .optional();
    }

    /** The member's recharges, newest first. */
    public java.util.List<Recharge> recharges(long tenantId, long memberId) {
        return recharges(tenantId, memberId, "", null);
    }

    private java.util.List<Recharge> recharges(long tenantId, long memberId, String condition, String billNo) {
        return jdbc.sql("""
                        select b.id, b.bill_no, e.real_delta as pay_money, e.gift_delta as give_money,
                               exists (select 1 from bill rb where rb.tenant_id = b.tenant_id and rb.related_bill_id = b.id
                                       and rb.kind = 'RECHARGE_REFUND') as refunded,
                               (select p.payment_type from payment_record p where p.tenant_id = b.tenant_id
                                and p.bill_id = b.id order by p.id limit 1) as first_payment_type
                        from bill b
                        join card c on c.tenant_id = b.tenant_id and c.id = b.card_id
                        join ledger_entry e on e.tenant_id = b.tenant_id and e.bill_id = b.id and e.kind = 'RECHARGE'
                        where b.tenant_id = :tenantId and b.kind = 'RECHARGE' and c.member_id = :memberId %s
                        order by b.id desc
                        """.formatted(condition))
                .param("tenantId", tenantId)
                .param("memberId", memberId)
                .param("billNo", billNo)
                .query((rs, n) -> new Recharge(
                        rs.getLong("id"),
                        rs.getString("bill_no"),
                        Money.of(rs.getBigDecimal("pay_money")),
                        Money.of(rs.getBigDecimal("give_money")),
                        rs.getBoolean("refunded"),
                        PaymentType.orNull((Integer) rs.getObject("first_payment_type"))))
                .list();
    }
}
