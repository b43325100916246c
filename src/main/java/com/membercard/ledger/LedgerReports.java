package com.membercard.ledger;

import com.membercard.shared.Money;
import com.membercard.shared.jdbc.TenantNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reports' query service: what the ledger publishes so that the settlement module never names
 * its tables. Bills are chosen by business date (the shop's day, see {@code JdbcLedger}), so a
 * report of closed days always agrees with their day-end totals.
 */
@Service
public class LedgerReports {

    /** What a report is about: which bills it counts. */
    public enum Subject {
        RECHARGES(List.of(BillKind.RECHARGE)),
        CARD_PAYMENTS(List.of(BillKind.CARD_PAYMENT)),
        /** with the parts of online balance refunds that the gateway refused, back on the cards (they net out) */
        REFUNDS(List.of(
                BillKind.PAYMENT_REFUND,
                BillKind.RECHARGE_REFUND,
                BillKind.BALANCE_REFUND,
                BillKind.BALANCE_REFUND_RETURN,
                BillKind.CARD_RETURN)),
        /** every bill that moved points: earned, spent, taken back, expired */
        POINTS(List.of(BillKind.values())),
        GIFT_REDEMPTIONS(List.of(BillKind.GIFT_REDEMPTION));

        private final List<BillKind> kinds;

        Subject(List<BillKind> kinds) {
            this.kinds = kinds;
        }
    }

    /** How a report's lines are grouped. */
    public enum Dimension {
        DAY("to_char(b.business_date, 'YYYY-MM-DD')"),
        SHOP("b.shop_id::text"),
        OPERATOR("b.operator_id::text"),
        KIND("b.kind"),
        PLAN("b.plan_id::text"),
        /** by the payment records (recharges) or the records refunded along (refunds) */
        PAYMENT_TYPE(null);

        private final String key;

        Dimension(String key) {
            this.key = key;
        }
    }

    /**
     * One line: the bills of one key (a day, a shop id, an operator id, a kind, a plan id, a payment
     * type; null where the bill has none), their requested amounts, what they moved on the cards
     * (real and gift money: negative leaves the cards) and the points earned, spent and expired.
     */
    public record Line(
            String key,
            long bills,
            Money amount,
            Money real,
            Money gift,
            long pointsEarned,
            long pointsSpent,
            long pointsExpired) {

        public Line plus(Line other) {
            return new Line(
                    null,
                    bills + other.bills,
                    amount.plus(other.amount),
                    real.plus(other.real),
                    gift.plus(other.gift),
                    pointsEarned + other.pointsEarned,
                    pointsSpent + other.pointsSpent,
                    pointsExpired + other.pointsExpired);
        }

        public static final Line ZERO = new Line(null, 0, Money.ZERO, Money.ZERO, Money.ZERO, 0, 0, 0);
    }

    /**
     * What the cards of one issuing shop held at the end of a business day (null shop: cards issued
     * without one): real and gift money and available points, by the ledger.
     */
    public record Liability(Long shopId, Money real, Money gift, long points) {}

    /**
     * One bill of the bill list (流水明细): what its request named ({@code amount}, the payment type
     * of a refund) and what its entries moved on the cards (real and gift money, points).
     */
    public record BillLine(
            String billNo,
            LocalDate businessDate,
            OffsetDateTime createdAt,
            Long shopId,
            Long operatorId,
            String kind,
            String cardCode,
            Money amount,
            Integer paymentType,
            Money real,
            Money gift,
            long points) {}

    /** Which bills a bill list holds: business days {@code :from}..{@code :to}, one shop or (null) all. */
    // "real" quoted: ShardingSphere's parser (the sharded mode) takes a bare real for the type
    private static final String BILLS_CHOSEN = """
            where b.tenant_id = :tenantId and b.business_date between :from and :to
              and (cast(:shopId as bigint) is null or b.shop_id = :shopId)
            """;

    private static final String BILL_LINES = """
            select b.bill_no, b.business_date, b.created_at, b.shop_id, b.operator_id, b.kind, c.code as card_code,
                   b.amount, b.payment_type, coalesce(e.real, 0) as "real", coalesce(e.gift, 0) as gift,
                   coalesce(e.points, 0) as points
            from bill b
            join card c on c.tenant_id = b.tenant_id and c.id = b.card_id
            left join lateral (
                select sum(e.real_delta) as "real", sum(e.gift_delta) as gift, sum(e.points_delta) as points
                from ledger_entry e where e.tenant_id = b.tenant_id and e.bill_id = b.id) e on true
            """ + BILLS_CHOSEN + """
            order by b.business_date, b.id
            """;

    private final JdbcClient jdbc;
    private final TenantNode tenantNode;

    LedgerReports(JdbcClient jdbc, TenantNode tenantNode) {
        this.jdbc = jdbc;
        this.tenantNode = tenantNode;
    }

    /** Whether {@code dimension} groups {@code subject} (payment types exist for recharges and refunds). */
    public static boolean groups(Subject subject, Dimension dimension) {
        return switch (dimension) {
            case PAYMENT_TYPE -> subject == Subject.RECHARGES || subject == Subject.REFUNDS;
            case PLAN -> subject == Subject.RECHARGES;
            default -> true;
        };
    }

    /**
     * The lines of a report over business days {@code from}..{@code to}, of one shop or (null) all.
     */
    @Transactional(readOnly = true)
    public List<Line> lines(
            long tenantId, Subject subject, Dimension dimension, LocalDate from, LocalDate to, Long shopId) {
        if (!groups(subject, dimension)) {
            throw new IllegalArgumentException(subject + " by " + dimension);
        }
        String bills = """
                select tenant_id, id, kind, business_date, shop_id, operator_id, plan_id, amount from bill b
                where tenant_id = :tenantId and business_date between :from and :to and kind = any(:kinds)
                  and (cast(:shopId as bigint) is null or shop_id = :shopId)
                """;
        String sql;
        if (dimension == Dimension.PAYMENT_TYPE) {
            sql = subject == Subject.RECHARGES ? """
                    with b as (%s)
                    select r.payment_type::text as key, count(distinct b.id) as bills, sum(r.money) as amount,
                           0 as "real", 0 as gift, 0 as earned, 0 as spent, 0 as expired
                    from b join payment_record r on r.tenant_id = :tenantId and r.bill_id = b.id
                    group by 1 order by 1
                    """.formatted(bills) : """
                    with b as (%s)
                    select r.payment_type::text as key, count(distinct b.id) as bills, sum(f.money) as amount,
                           0 as "real", 0 as gift, 0 as earned, 0 as spent, 0 as expired
                    from b join payment_refund f on f.tenant_id = :tenantId and f.bill_id = b.id
                    join payment_record r on r.tenant_id = :tenantId and r.id = f.payment_record_id
                    group by 1 order by 1
                    """.formatted(bills);
        } else {
            // Closed days from the totals day-end kept (bill_day_total), open days from their bills;
            // both at the same grain, so that a line adds them up alike. A closed day never changes.
            sql = """
                    with live as materialized (%s
                        and not exists (select 1 from bill_day_total t
                                        where t.tenant_id = b.tenant_id and t.shop_id = b.shop_id
                                          and t.business_date = b.business_date)
                        order by id),
                    days as (
                        select business_date, shop_id, operator_id, kind, plan_id, moved_points, bills, amount, "real",
                               gift, points, points_earned, points_spent, points_expired
                        from bill_day_total
                        where tenant_id = :tenantId and business_date between :from and :to and kind = any(:kinds)
                          and (cast(:shopId as bigint) is null or shop_id = :shopId)
                        union all
                        select bill.business_date, bill.shop_id, bill.operator_id, bill.kind, bill.plan_id, %s
                        from live bill
                        %s
                        group by bill.business_date, bill.shop_id, bill.operator_id, bill.kind, bill.plan_id,
                                 coalesce(e.moved_points, false))
                    select %s as key, sum(b.bills) as bills, sum(b.amount) as amount, sum(b.real) as "real",
                           sum(b.gift) as gift, sum(b.points_earned) as earned, sum(b.points_spent) as spent,
                           sum(b.points_expired) as expired
                    from days b
                    where %s
                    group by 1 order by 1 nulls last
                    """.formatted(
                            bills,
                            BillTotals.GRAIN_SUMS,
                            BillTotals.ENTRIES_OF_BILL,
                            dimension.key,
                            subject == Subject.POINTS ? "b.moved_points" : "true");
        }
        planForTheseValues(tenantId);
        return jdbc.sql(tenantNode.pin(tenantId, sql))
                .param("tenantId", tenantId)
                .param("from", from)
                .param("to", to)
                .param("kinds", subject.kinds.stream().map(Enum::name).toArray(String[]::new))
                .param("shopId", shopId)
                .query(LedgerReports::line)
                .list();
    }

    /** How many bills a bill list of these days and shop holds. */
    public long billCount(long tenantId, LocalDate from, LocalDate to, Long shopId) {
        return jdbc.sql("select count(*) from bill b " + BILLS_CHOSEN)
                .param("tenantId", tenantId)
                .param("from", from)
                .param("to", to)
                .param("shopId", shopId)
                .query(Long.class)
                .single();
    }

    /** A page of the bill list, oldest business day first. */
    public List<BillLine> bills(long tenantId, LocalDate from, LocalDate to, Long shopId, int limit, long offset) {
        return jdbc.sql(tenantNode.pin(tenantId, BILL_LINES + " limit :limit offset :offset"))
                .param("tenantId", tenantId)
                .param("from", from)
                .param("to", to)
                .param("shopId", shopId)
                .param("limit", limit)
                .param("offset", offset)
                .query(LedgerReports::billLine)
                .list();
    }

    /**
     * Every bill of the list, as PostgreSQL sends them in batches of the fetch size (a download of
     * any length in bounded memory). A cursor lives in a transaction: the caller's, which must
     * read the stream to its end or close it before it ends.
     */
    @Transactional(propagation = Propagation.MANDATORY, readOnly = true)
    public Stream<BillLine> allBills(long tenantId, LocalDate from, LocalDate to, Long shopId) {
        planForTheseValues(tenantId);
        return jdbc
                .sql(tenantNode.pin(tenantId, BILL_LINES))
                .param("tenantId", tenantId)
                .param("from", from)
                .param("to", to)
                .param("shopId", shopId)
                .withFetchSize(2_000)
                .query(LedgerReports::billLine)
                .stream();
    }

    /**
     * A report's statement runs with other days, shops and kinds every time; after five runs the
     * JDBC driver prepares it and PostgreSQL may keep one generic plan for all values, blind to
     * the width of the date range and to a null shop (seen: a 0.3 s report took 3.3 s on its
     * seventh run). For this transaction, plan each statement for its values (the opposite of the
     * payment's setting in JdbcLedger).
     */
    private void planForTheseValues(long tenantId) {
        // pinned: a statement that names no table would go to every node in the sharded mode
        jdbc.sql(tenantNode.pin(tenantId, "set local plan_cache_mode = force_custom_plan"))
                .update();
    }

    private static BillLine billLine(ResultSet rs, int n) throws SQLException {
        return new BillLine(
                rs.getString("bill_no"),
                rs.getObject("business_date", LocalDate.class),
                rs.getObject("created_at", OffsetDateTime.class),
                (Long) rs.getObject("shop_id"),
                (Long) rs.getObject("operator_id"),
                rs.getString("kind"),
                rs.getString("card_code"),
                Money.of(rs.getBigDecimal("amount")),
                rs.getObject("payment_type", Integer.class),
                Money.of(rs.getBigDecimal("real")),
                Money.of(rs.getBigDecimal("gift")),
                rs.getLong("points"));
    }

    /**
     * The stored-value liability at the end of business day {@code day}: every entry of the bills
     * up to that day, by the card's issuing shop. Up to today it equals the cards' balances
     * (the cards' cache is checked against the same entries by the reconciliation).
     */
    public List<Liability> liability(long tenantId, LocalDate day) {
        return jdbc.sql("""
                        select c.shop_id, sum(e.real_delta) as "real", sum(e.gift_delta) as gift,
                               sum(e.points_delta) as points
                        from bill b
                        join ledger_entry e on e.tenant_id = b.tenant_id and e.bill_id = b.id
                        join card c on c.tenant_id = e.tenant_id and c.id = e.card_id
                        where b.tenant_id = :tenantId and b.business_date <= :day
                        group by c.shop_id order by c.shop_id nulls last
                        """)
                .param("tenantId", tenantId)
                .param("day", day)
                .query((rs, n) -> new Liability(
                        (Long) rs.getObject("shop_id"),
                        Money.of(rs.getBigDecimal("real")),
                        Money.of(rs.getBigDecimal("gift")),
                        rs.getLong("points")))
                .list();
    }

    private static Line line(ResultSet rs, int n) throws SQLException {
        return new Line(
                rs.getString("key"),
                rs.getLong("bills"),
                Money.of(rs.getBigDecimal("amount")),
                Money.of(rs.getBigDecimal("real")),
                Money.of(rs.getBigDecimal("gift")),
                rs.getLong("earned"),
                rs.getLong("spent"),
                rs.getLong("expired"));
    }
}
