package com.membercard.ledger;

import com.membercard.member.KeptTotalsCheck;
import com.membercard.shared.Money;
import com.membercard.shared.jdbc.AmountOrCount;
import com.membercard.shared.jdbc.OneTenantOrAll;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Proves the card rows against the ledger: for every card, each of its 12 money and points fields
 * must equal what its entries add up to, its points must equal what its lots have left, and the
 * member totals (op02's sums) must equal the sums over the members' current cards (the member
 * module's {@link KeptTotalsCheck}). Any row this answers is a defect; the integration tests run it
 * after every test.
 */
@Service
public class Reconciliation {

    /**
     * One field of one card (or of a group's kept totals) whose cached value differs from the
     * ledger's: an amount ({@link Money}) or a count of points or members ({@link Long}), either
     * way a number in JSON.
     */
    public record Difference<V>(
            long tenantId,
            String cardCode,
            String field,
            @Schema(implementation = BigDecimal.class) V cached,
            @Schema(implementation = BigDecimal.class) V ledger) {}

    private static final String CARDS = """
            -- a row per field, from parallel arrays rather than LATERAL (VALUES …) as f(…): ShardingSphere's
            -- binder (the sharded mode) knows no columns named by an alias list; the card's sums a derived table, not a
            -- CTE, which its merge of every node's rows (all tenants) cannot bind
            select tenant_id, code, field, money, cached, ledger from (
                select tenant_id, code,
                       unnest(array['actualBalance', 'giveBalance', 'balance', 'actualRecharge', 'giveRecharge',
                                    'totalRecharge', 'actualExpense', 'giveExpense', 'totalExpense', 'actualPoints',
                                    'totalPoints', 'usedPoints', 'lotPoints']) as field,
                       unnest(array[true, true, true, true, true, true, true, true, true, false, false, false,
                                    false]) as money,
                       unnest(array[actual_balance, give_balance, balance, actual_recharge, give_recharge,
                                    total_recharge, actual_expense, give_expense, total_expense, actual_points,
                                    total_points, used_points, actual_points]) as cached,
                       unnest(array[l_actual_balance, l_give_balance, l_actual_balance + l_give_balance,
                                    l_actual_recharge, l_give_recharge, l_actual_recharge + l_give_recharge,
                                    l_actual_expense, l_give_expense, l_actual_expense + l_give_expense,
                                    l_actual_points, l_total_points, l_used_points, lot_points]) as ledger
                from (
                    select c.tenant_id, c.id, c.code,
                           c.actual_balance, c.give_balance, c.balance, c.actual_recharge, c.give_recharge,
                           c.total_recharge, c.actual_expense, c.give_expense, c.total_expense, c.actual_points,
                           c.total_points, c.used_points,
                           coalesce(sum(e.real_delta), 0) as l_actual_balance, coalesce(sum(e.gift_delta), 0) as l_give_balance,
                           coalesce(sum(e.recharge_real), 0) as l_actual_recharge,
                           coalesce(sum(e.recharge_gift), 0) as l_give_recharge,
                           coalesce(sum(e.expense_real), 0) as l_actual_expense,
                           coalesce(sum(e.expense_gift), 0) as l_give_expense,
                           coalesce(sum(e.points_delta), 0) as l_actual_points,
                           coalesce(sum(e.points_earned), 0) as l_total_points,
                           coalesce(sum(e.points_used), 0) as l_used_points,
                           (select coalesce(sum(l.points), 0) - coalesce((select sum(u.points) from points_lot_use u
                                   join points_lot ul on ul.tenant_id = u.tenant_id and ul.id = u.lot_id
                                   where ul.tenant_id = c.tenant_id and ul.card_id = c.id), 0)
                            from points_lot l where l.tenant_id = c.tenant_id and l.card_id = c.id) as lot_points
                    from card c
                    left join ledger_entry e on e.tenant_id = c.tenant_id and e.card_id = c.id
                    where %s
                    group by c.tenant_id, c.id) sums) f
            where cached <> ledger
            order by tenant_id, code, field
            """;

    private final JdbcClient jdbc;
    private final KeptTotalsCheck keptTotals;

    Reconciliation(JdbcClient jdbc, KeptTotalsCheck keptTotals) {
        this.jdbc = jdbc;
        this.keptTotals = keptTotals;
    }

    /** The differences of one tenant, or of every tenant when {@code tenantId} is null. */
    public List<Difference<?>> differences(Long tenantId) {
        List<Difference<?>> found = new java.util.ArrayList<>(
                query(CARDS.formatted(OneTenantOrAll.condition("c.tenant_id", tenantId)), tenantId));
        // the member module keeps op02's totals and checks them against the cards; a group stands in for the card
        keptTotals.differences(tenantId).stream().map(Reconciliation::ofGroup).forEach(found::add);
        return found;
    }

    private static <V> Difference<V> ofGroup(KeptTotalsCheck.Difference<V> d) {
        return new Difference<>(d.tenantId(), d.group(), d.field(), d.kept(), d.cards());
    }

    /** How many cards a check covers. */
    public long cards(Long tenantId) {
        return jdbc.sql("select count(*) from card where " + OneTenantOrAll.condition("tenant_id", tenantId))
                .param("tenantId", tenantId)
                .query(Long.class)
                .single();
    }

    private List<Difference<?>> query(String sql, Long tenantId) {
        return jdbc.sql(sql)
                .param("tenantId", tenantId)
                .<Difference<?>>query((rs, n) -> difference(rs))
                .list();
    }

    private static Difference<?> difference(ResultSet rs) throws SQLException {
        return new Difference<>(
                rs.getLong("tenant_id"),
                rs.getString("code"),
                rs.getString("field"),
                AmountOrCount.read(rs, "cached"),
                AmountOrCount.read(rs, "ledger"));
    }
}
