package com.membercard.ledger;

import com.membercard.shared.Money;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What the ledger publishes for day-end and the reports: totals of bills, so that the settlement
 * module never reads the ledger's tables. Every figure comes from the insert-only bills, entries
 * and payment records, so a closed day's totals can always be recomputed and compared.
 */
@Service
public class BillTotals {

    /**
     * The bills of one kind: how many, the amounts the requests named, and what they moved on the
     * cards (real and gift money, points; a payment is negative, a recharge positive).
     */
    public record KindTotal(String kind, long count, Money amount, Money real, Money gift, long points) {}

    /**
     * Money by how it was paid: {@code received} by recharges' payment records, {@code paidBack}
     * by refunds along them (by the type of the record refunded). Card payments are paid from the
     * card and are in the kinds, not here.
     */
    public record PaymentTypeTotal(int paymentType, long count, Money received, Money paidBack) {}

    /** One operator's bills of one kind (a bill sent with an API key alone has no operator). */
    public record OperatorTotal(Long operatorId, String kind, long count, Money amount) {}

    /** A shop's business day. */
    public record DayTotals(
            long bills, List<KindTotal> byKind, List<PaymentTypeTotal> byPaymentType, List<OperatorTotal> byOperator) {}

    private final JdbcClient jdbc;

    BillTotals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The totals of a shop's business day, in the caller's transaction: day-end calls it holding the
     * shop row's lock, so no bill of the day can still be on its way. Bills and entries come from
     * their covering indexes (V23); the bills in id order, so that the entries' probes are near each
     * other (see LedgerReports.lines).
     */
    public DayTotals ofDay(long tenantId, long shopId, LocalDate day) {
        List<KindTotal> byKind = jdbc.sql("""
                        with b as (
                            select id, kind, amount from bill
                            where tenant_id = :tenantId and shop_id = :shopId and business_date = :day
                            order by id),
                        e as (
                            select e.bill_id, sum(e.real_delta) as real, sum(e.gift_delta) as gift,
                                   sum(e.points_delta) as points
                            from b join ledger_entry e on e.tenant_id = :tenantId and e.bill_id = b.id
                            group by e.bill_id)
                        select b.kind, count(*) as n, sum(b.amount) as amount, coalesce(sum(e.real), 0) as real,
                               coalesce(sum(e.gift), 0) as gift, coalesce(sum(e.points), 0) as points
                        from b left join e on e.bill_id = b.id
                        group by b.kind order by b.kind
                        """)
                .param("tenantId", tenantId)
                .param("shopId", shopId)
                .param("day", day)
                .query((rs, n) -> new KindTotal(
                        rs.getString("kind"),
                        rs.getLong("n"),
                        Money.of(rs.getBigDecimal("amount")),
                        Money.of(rs.getBigDecimal("real")),
                        Money.of(rs.getBigDecimal("gift")),
                        rs.getLong("points")))
                .list();
        List<PaymentTypeTotal> byPaymentType = jdbc.sql("""
                        with b as (
                            select id from bill
                            where tenant_id = :tenantId and shop_id = :shopId and business_date = :day),
                        m as (
                            select r.payment_type, r.money as received, 0 as paid_back
                            from b join payment_record r on r.tenant_id = :tenantId and r.bill_id = b.id
                            union all
                            select r.payment_type, 0, f.money
                            from b join payment_refund f on f.tenant_id = :tenantId and f.bill_id = b.id
                            join payment_record r on r.tenant_id = :tenantId and r.id = f.payment_record_id)
                        select payment_type, count(*) as n, sum(received) as received, sum(paid_back) as paid_back
                        from m group by payment_type order by payment_type
                        """)
                .param("tenantId", tenantId)
                .param("shopId", shopId)
                .param("day", day)
                .query((rs, n) -> new PaymentTypeTotal(
                        rs.getInt("payment_type"),
                        rs.getLong("n"),
                        Money.of(rs.getBigDecimal("received")),
                        Money.of(rs.getBigDecimal("paid_back"))))
                .list();
        List<OperatorTotal> byOperator = jdbc.sql("""
                        select operator_id, kind, count(*) as n, sum(amount) as amount from bill
                        where tenant_id = :tenantId and shop_id = :shopId and business_date = :day
                        group by operator_id, kind order by operator_id nulls last, kind
                        """)
                .param("tenantId", tenantId)
                .param("shopId", shopId)
                .param("day", day)
                .query((rs, n) -> new OperatorTotal(
                        (Long) rs.getObject("operator_id"),
                        rs.getString("kind"),
                        rs.getLong("n"),
                        Money.of(rs.getBigDecimal("amount"))))
                .list();
        long bills = byKind.stream().mapToLong(KindTotal::count).sum();
        return new DayTotals(bills, byKind, byPaymentType, byOperator);
    }
}
