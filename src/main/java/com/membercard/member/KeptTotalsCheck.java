package com.membercard.member;

import com.membercard.shared.Money;
import com.membercard.shared.jdbc.AmountOrCount;
import com.membercard.shared.jdbc.OneTenantOrAll;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Holds op02's kept totals ({@code member_totals_kept}: the folded totals plus the deltas not folded
 * yet) against the members' current cards, group by group (level, issuing shop, class, status). This
 * module keeps the totals, so it checks them; the ledger's reconciliation reports what this finds.
 */
@Service
public class KeptTotalsCheck {

    /**
     * One figure of one group whose kept value differs from what the group's cards add up to: an
     * amount ({@link Money}) or a count of members or points ({@link Long}).
     */
    public record Difference<V>(long tenantId, String group, String field, V kept, V cards) {}

    private static final String DIFFERENCES = """
            with cards as (
                select tenant_id, member_level_id, coalesce(shop_id, 0) as shop_id, class_id, status,
                       count(*) as members, sum(actual_recharge) as actual_recharge, sum(give_recharge) as give_recharge,
                       sum(actual_expense) as actual_expense, sum(give_expense) as give_expense,
                       sum(actual_balance) as actual_balance, sum(give_balance) as give_balance,
                       sum(total_points) as total_points, sum(actual_points) as actual_points,
                       sum(used_points) as used_points
                from card where replaced_by_card_id is null and %1$s
                group by 1, 2, 3, 4, 5),
            kept as (
                select tenant_id, member_level_id, shop_id, class_id, status, sum(members) as members,
                       sum(actual_recharge) as actual_recharge, sum(give_recharge) as give_recharge,
                       sum(actual_expense) as actual_expense, sum(give_expense) as give_expense,
                       sum(actual_balance) as actual_balance, sum(give_balance) as give_balance,
                       sum(total_points) as total_points, sum(actual_points) as actual_points,
                       sum(used_points) as used_points
                from member_totals_kept
                where %1$s
                group by 1, 2, 3, 4, 5)
            -- a row per figure, from parallel arrays rather than LATERAL (VALUES …) as f(…): ShardingSphere's
            -- binder (the sharded mode) knows no columns named by an alias list
            select tenant_id, grp, field, money, kept, cards from (
                select tenant_id,
                       -- concat rather than format(…): ShardingSphere's parser (the sharded mode) refuses format
                       concat('totals of level ', member_level_id, ', shop ', shop_id, ', class ', class_id,
                              ', status ', status) as grp,
                       unnest(array['members', 'actualRecharge', 'giveRecharge', 'actualExpense', 'giveExpense',
                                    'actualBalance', 'giveBalance', 'totalPoints', 'actualPoints', 'usedPoints'])
                           as field,
                       unnest(array[false, true, true, true, true, true, true, false, false, false]) as money,
                       unnest(array[coalesce(k.members, 0)::numeric, coalesce(k.actual_recharge, 0),
                                    coalesce(k.give_recharge, 0), coalesce(k.actual_expense, 0),
                                    coalesce(k.give_expense, 0), coalesce(k.actual_balance, 0),
                                    coalesce(k.give_balance, 0), coalesce(k.total_points, 0)::numeric,
                                    coalesce(k.actual_points, 0)::numeric, coalesce(k.used_points, 0)::numeric])
                           as kept,
                       unnest(array[coalesce(c.members, 0)::numeric, coalesce(c.actual_recharge, 0),
                                    coalesce(c.give_recharge, 0), coalesce(c.actual_expense, 0),
                                    coalesce(c.give_expense, 0), coalesce(c.actual_balance, 0),
                                    coalesce(c.give_balance, 0), coalesce(c.total_points, 0)::numeric,
                                    coalesce(c.actual_points, 0)::numeric, coalesce(c.used_points, 0)::numeric])
                           as cards
                from kept k full join cards c using (tenant_id, member_level_id, shop_id, class_id, status)) f
            where kept <> cards
            """;

    private final JdbcClient jdbc;

    KeptTotalsCheck(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The differences of one tenant, or of every tenant when {@code tenantId} is null; none when all is well. */
    public List<Difference<?>> differences(Long tenantId) {
        return jdbc.sql(DIFFERENCES.formatted(OneTenantOrAll.condition("tenant_id", tenantId)))
                .param("tenantId", tenantId)
                .<Difference<?>>query((rs, n) -> difference(rs))
                .list();
    }

    private static Difference<?> difference(ResultSet rs) throws SQLException {
        return new Difference<>(
                rs.getLong("tenant_id"),
                rs.getString("grp"),
                rs.getString("field"),
                AmountOrCount.read(rs, "kept"),
                AmountOrCount.read(rs, "cards"));
    }
}
