package com.membercard.ledger;

import com.membercard.shared.Money;
import com.membercard.shared.jdbc.TenantNode;
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
    private final TenantNode tenantNode;

    BillTotals(JdbcClient jdbc, TenantNode tenantNode) {
        this.jdbc = jdbc;
        this.tenantNode = tenantNode;
    }

    /**
     * The totals of one bill at the reports' grain, summed from its entries (the covering
     * ledger_entry_bill_idx of V23): {@code bill} is a set of bills in id order, so that consecutive
     * probes land on neighbouring index pages (half the CPU of probing them in date order). Named
     * {@code bill}: ShardingSphere takes the lateral's outer reference for a table of that name, and
     * an INSERT … SELECT may only read the tables of its binding group ({@link TenantNode}).
     */
    // "real" quoted: ShardingSphere's parser (the sharded mode) takes a bare real for the type
    static final String ENTRIES_OF_BILL = """
            left join lateral (
                select sum(e.real_delta) as "real", sum(e.gift_delta) as gift, sum(e.points_delta) as points,
                       sum(e.points_earned) as earned, sum(e.points_used) as spent,
                       -sum(e.points_delta) filter (where e.kind = 'POINTS_EXPIRE') as expired,
                       bool_or(e.points_delta <> 0 or e.points_earned <> 0 or e.points_used <> 0) as moved_points
                from ledger_entry e where e.tenant_id = bill.tenant_id and e.bill_id = bill.id) e on true
            """;

    /** What bill_day_total keeps of a group of bills: {@code bill} and {@code e} as in {@link #ENTRIES_OF_BILL}. */
    static final String GRAIN_SUMS = """
            coalesce(e.moved_points, false) as moved_points, count(*) as bills, sum(bill.amount) as amount,
            coalesce(sum(e.real), 0) as "real", coalesce(sum(e.gift), 0) as gift, coalesce(sum(e.points), 0) as points,
            coalesce(sum(e.earned), 0) as points_earned, coalesce(sum(e.spent), 0) as points_spent,
            coalesce(sum(e.expired), 0) as points_expired
            """;

    /**
     * Closes the books of a shop's business day, in the caller's transaction: day-end calls it
     * once the shop's {@code closed_through} has moved past the day and every transaction older than
     * that move has ended, so no bill of the day can still be on its way, and none falls on the day
     * afterwards (settlement's {@code DayEnds}). Keeps the day's totals by kind,
     * operator, plan and whether the bills moved points (bill_day_total, what the reports read for
     * closed days instead of their bills) and answers the day's totals from them: one pass over the
     * day's bills.
     */
    public DayTotals closeDay(long tenantId, long shopId, LocalDate day) {
        jdbc.sql(tenantNode.pin(tenantId, """
                        insert into bill_day_total (tenant_id, shop_id, business_date, kind, operator_id, plan_id,
                                                    moved_points, bills, amount, "real", gift, points, points_earned,
                                                    points_spent, points_expired)
                        select :tenantId, :shopId, :day, bill.kind, bill.operator_id, bill.plan_id, """ + GRAIN_SUMS + """
                        from (select tenant_id, id, kind, operator_id, plan_id, amount from bill
                              where tenant_id = :tenantId and shop_id = :shopId and business_date = :day
                              order by id) bill
                        """ + ENTRIES_OF_BILL + """
                        group by bill.kind, bill.operator_id, bill.plan_id, coalesce(e.moved_points, false)
                        """))
                .param("tenantId", tenantId)
                .param("shopId", shopId)
                .param("day", day)
                .update();
        List<KindTotal> byKind = jdbc.sql("""
                        select kind, sum(bills) as n, sum(amount) as amount, sum("real") as "real", sum(gift) as gift,
                               sum(points) as points
                        from bill_day_total
                        where tenant_id = :tenantId and shop_id = :shopId and business_date = :day
                        group by kind order by kind
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
        List<PaymentTypeTotal> byPaymentType = jdbc.sql(tenantNode.pin(tenantId, """
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
                        """))
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
                        select operator_id, kind, sum(bills) as n, sum(amount) as amount from bill_day_total
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
