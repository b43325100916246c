package com.membercard.member;

import com.membercard.shared.Money;
import com.membercard.shared.jdbc.TenantNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reads behind the member lists. A member's row and their current card's row travel together on
 * every screen, so these statements join the card table (the card module owns its writes). Every
 * filter lies on the card row (the member's level is copied there), so their indexes combine, and
 * pages are ordered by member id, newest first, along the index of current cards.
 *
 * <p>The keyword becomes a union of index-driven lookups: name fragments of 2+ characters through
 * the bigram index (a 2-character Chinese fragment holds no trigram), phone fragments through the
 * trigram index, member and card codes by prefix. LIKE wildcards in the keyword are escaped.
 */
@Repository
class JdbcMemberQueries {

    /** One member and their card, before names are resolved. */
    record Row(
            long id,
            String code,
            String name,
            int sex,
            LocalDate birthday,
            String phone,
            String idCard,
            String address,
            long levelId,
            long cardId,
            String cardCode,
            String macLast4,
            long classId,
            int status,
            int sendMode,
            Long shopId,
            OffsetDateTime effectiveTime,
            Money actualRecharge,
            Money giveRecharge,
            Money actualExpense,
            Money giveExpense,
            Money actualBalance,
            Money giveBalance,
            long totalPoints,
            long actualPoints,
            long usedPoints,
            OffsetDateTime pointsDisabledDate) {}

    private static final String SELECT = """
            select m.id, m.code, m.name, m.sex, m.birthday, m.phone, m.id_card, m.address, m.level_id,
                   c.id as card_id, c.code as card_code, c.mac_last4, c.class_id, c.status, c.send_mode, c.shop_id,
                   c.effective_time, c.actual_recharge, c.give_recharge, c.actual_expense, c.give_expense,
                   c.actual_balance, c.give_balance, c.total_points, c.actual_points, c.used_points,
                   c.points_disabled_date
            """;
    private static final String FROM = """
            from card c join member m on m.tenant_id = c.tenant_id and m.id = c.member_id
            where c.tenant_id = :tenantId and c.replaced_by_card_id is null
            """;
    /** The tenant's current cards, one per member: where lists choose their members. */
    private static final String CARDS = """
             from card c where c.tenant_id = :tenantId and c.replaced_by_card_id is null
            """;

    /** The count and the nine sums over the rows of {@code c}; {@code members} counts them. */
    private static String sums(String members) {
        return "select " + members + " as members, " + """
                coalesce(sum(c.actual_recharge), 0) as actual_recharge, coalesce(sum(c.give_recharge), 0) as give_recharge,
                coalesce(sum(c.actual_expense), 0) as actual_expense, coalesce(sum(c.give_expense), 0) as give_expense,
                coalesce(sum(c.actual_balance), 0) as actual_balance, coalesce(sum(c.give_balance), 0) as give_balance,
                coalesce(sum(c.total_points), 0) as total_points, coalesce(sum(c.actual_points), 0) as actual_points,
                coalesce(sum(c.used_points), 0) as used_points
                """;
    }

    private static final String CARD_SUMS = sums("count(*)");
    private static final String KEPT_SUMS = sums("coalesce(sum(c.members), 0)");

    private static final RowMapper<Row> ROW = (rs, n) -> new Row(
            rs.getLong("id"),
            rs.getString("code"),
            rs.getString("name"),
            rs.getInt("sex"),
            rs.getObject("birthday", LocalDate.class),
            rs.getString("phone"),
            rs.getString("id_card"),
            rs.getString("address"),
            rs.getLong("level_id"),
            rs.getLong("card_id"),
            rs.getString("card_code"),
            rs.getString("mac_last4"),
            rs.getLong("class_id"),
            rs.getInt("status"),
            rs.getInt("send_mode"),
            (Long) rs.getObject("shop_id"),
            rs.getObject("effective_time", OffsetDateTime.class),
            money(rs, "actual_recharge"),
            money(rs, "give_recharge"),
            money(rs, "actual_expense"),
            money(rs, "give_expense"),
            money(rs, "actual_balance"),
            money(rs, "give_balance"),
            rs.getLong("total_points"),
            rs.getLong("actual_points"),
            rs.getLong("used_points"),
            rs.getObject("points_disabled_date", OffsetDateTime.class));
    private static final RowMapper<MemberView.Totals> TOTALS = JdbcMemberQueries::totals;

    private static final Pattern PHONE_FRAGMENT = Pattern.compile(MemberPatterns.PHONE_FRAGMENT);
    private static final Pattern CODE = Pattern.compile(MemberPatterns.CODE);

    private final JdbcClient jdbc;
    private final TransactionTemplate oneSnapshot;
    private final TenantNode tenantNode;

    JdbcMemberQueries(JdbcClient jdbc, PlatformTransactionManager transactionManager, TenantNode tenantNode) {
        this.jdbc = jdbc;
        this.tenantNode = tenantNode;
        this.oneSnapshot = new TransactionTemplate(transactionManager);
        this.oneSnapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    Optional<Row> byId(long tenantId, long memberId) {
        return jdbc.sql(SELECT + FROM + " and c.member_id = :memberId")
                .param("tenantId", tenantId)
                .param("memberId", memberId)
                .query(ROW)
                .optional();
    }

    Optional<Row> byCardId(long tenantId, long cardId) {
        return jdbc.sql(SELECT + "from card c join member m on m.tenant_id = c.tenant_id and m.id = c.member_id "
                        + "where c.tenant_id = :tenantId and c.id = :cardId")
                .param("tenantId", tenantId)
                .param("cardId", cardId)
                .query(ROW)
                .optional();
    }

    /**
     * One page. The page's member ids are chosen on the card table alone (its index of current cards
     * is ordered by member), and only those rows are joined: a deep page skips index entries, not
     * joined rows.
     */
    List<Row> page(long tenantId, MemberFilter filter, int limit, long offset) {
        Where where = where(tenantId, filter);
        return joined(
                        tenantId,
                        "select c.member_id" + CARDS + where.sql
                                + " order by c.member_id desc limit :limit offset :offset")
                .params(where.params)
                .param("limit", limit)
                .param("offset", offset)
                .query(ROW)
                .list();
    }

    /**
     * op07's keyword search: the newest {@code limit} matches. A keyword that is a whole phone number,
     * card code or member code answers those members alone: that is what a till types or scans, and
     * the unique indexes find it at once, where a digit fragment goes through long trigram lists.
     * The whole-match statement is small and planned once per connection; only when it finds
     * nobody do the fragment lookups run, each keeping its own newest {@code limit} before they are
     * merged, so a common name fragment costs little.
     */
    List<Row> newestMatches(long tenantId, String keyword, int limit) {
        String exact = exactMatches(keyword);
        if (exact != null) {
            List<Row> whole = joined(tenantId, "select member_id from (" + exact + ") e order by member_id desc")
                    .param("tenantId", tenantId)
                    .param("exact", keyword)
                    .query(ROW)
                    .list();
            if (!whole.isEmpty()) {
                return whole; // three at most: each lookup is by a unique key
            }
        }
        Where where = where(tenantId, MemberFilter.keywordOnly(keyword));
        return joined(
                        tenantId,
                        "select member_id from (" + keywordMatches(keyword, " order by 1 desc limit :limit")
                                + ") k order by member_id desc limit :limit")
                .params(where.params)
                .param("limit", limit)
                .query(ROW)
                .list();
    }

    /**
     * The lookups by a whole phone number or code, through unique indexes; null when the keyword can be
     * neither. Each names its column member_id rather than the derived table's alias list naming it
     * (e(member_id)), which ShardingSphere's binder (the sharded mode) cannot resolve; likewise below.
     */
    private static String exactMatches(String keyword) {
        List<String> lookups = new ArrayList<>();
        if (PHONE_FRAGMENT.matcher(keyword).matches()) {
            lookups.add("select id as member_id from member where tenant_id = :tenantId and phone = :exact and active");
        }
        if (CODE.matcher(keyword).matches()) {
            lookups.add("select id as member_id from member where tenant_id = :tenantId and code = :exact");
            lookups.add("select member_id from card where tenant_id = :tenantId and code = :exact");
        }
        return lookups.isEmpty() ? null : String.join(" union ", lookups);
    }

    /** Count and sums over the matching members' cards: card rows only, no join needed. */
    MemberView.Totals totals(long tenantId, MemberFilter filter) {
        Where where = where(tenantId, filter);
        return jdbc.sql(tenantNode.pin(tenantId, CARD_SUMS + CARDS + where.sql))
                .params(where.params)
                .query(TOTALS)
                .single();
    }

    /** The rows of the members that {@code pageSql} chooses (one column, member ids), in its order. */
    private JdbcClient.StatementSpec joined(long tenantId, String pageSql) {
        return jdbc.sql(tenantNode.pin(tenantId, "with page as (" + pageSql + ") " + SELECT + """
                from page p
                join card c on c.tenant_id = :tenantId and c.member_id = p.member_id and c.replaced_by_card_id is null
                join member m on m.tenant_id = c.tenant_id and m.id = c.member_id
                order by p.member_id desc"""));
    }

    /** Every matching member, streamed in pages of the fetch size: for exports (op04). */
    /** The members after {@code afterMemberId} with their current cards, by id, at most {@code limit}. */
    List<Row> after(long tenantId, long afterMemberId, int limit) {
        return jdbc.sql(SELECT + FROM + " and c.member_id > :after order by c.member_id limit :limit")
                .param("tenantId", tenantId)
                .param("after", afterMemberId)
                .param("limit", limit)
                .query(ROW)
                .list();
    }

    void forEach(long tenantId, MemberFilter filter, Consumer<Row> action) {
        Where where = where(tenantId, filter);
        try (Stream<Row> rows = jdbc
                .sql(tenantNode.pin(tenantId, SELECT + FROM + where.sql + " order by c.member_id"))
                .params(where.params)
                .withFetchSize(1000)
                .query(ROW)
                .stream()) {
            rows.forEach(action);
        }
    }

    /** The tags of some members: member id → tag ids. */
    Map<Long, List<Long>> tagIds(long tenantId, List<Long> memberIds) {
        Map<Long, List<Long>> tags = new java.util.HashMap<>();
        if (memberIds.isEmpty()) {
            return tags;
        }
        jdbc.sql("""
                        select member_id, tag_id from member_tag_link
                        where tenant_id = :tenantId and member_id = any(:memberIds) order by tag_id
                        """)
                .param("tenantId", tenantId)
                .param("memberIds", memberIds.toArray(Long[]::new))
                .query((ResultSet rs) -> {
                    tags.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>()).add(rs.getLong(2));
                });
        return tags;
    }

    private record Where(String sql, Map<String, Object> params) {}

    private static Where where(long tenantId, MemberFilter filter) {
        StringBuilder sql = new StringBuilder();
        Map<String, Object> params = new java.util.HashMap<>();
        params.put("tenantId", tenantId);
        groupConditions(sql, params, "c.", filter);
        condition(sql, params, "c.effective_time >=", "openedFrom", filter.openedFrom());
        condition(sql, params, "c.effective_time <", "openedBefore", filter.openedBefore());
        if (filter.keyword() != null) {
            sql.append(" and c.member_id in (")
                    .append(keywordMatches(filter.keyword(), ""))
                    .append(")");
            String escaped = escapeLike(filter.keyword().toLowerCase());
            params.put("keyword", filter.keyword().toLowerCase());
            params.put("contains", "%" + escaped + "%");
            params.put("prefix", escapeLike(filter.keyword()) + "%");
        }
        return new Where(sql.toString(), params);
    }

    /** The filter's conditions on the columns that cards and kept totals share, with {@code table} before each. */
    private static void groupConditions(
            StringBuilder sql, Map<String, Object> params, String table, MemberFilter filter) {
        condition(sql, params, table + "member_level_id =", "levelId", filter.levelId());
        condition(sql, params, table + "shop_id =", "shopId", filter.shopId());
        condition(sql, params, table + "status =", "status", filter.status());
        condition(sql, params, table + "class_id =", "classId", filter.classId());
    }

    /** Adds {@code and <comparison> :name} when the filter has a value for it. */
    private static void condition(
            StringBuilder sql, Map<String, Object> params, String comparison, String name, Object value) {
        if (value != null) {
            sql.append(" and ").append(comparison).append(" :").append(name);
            params.put(name, value);
        }
    }

    /**
     * The lookups a keyword can match, each one index-driven: a phone fragment only when the keyword
     * looks like one (a name fragment would make the trigram index scan whole), codes only when the
     * keyword could be one, names unless the keyword is all digits.
     */
    private static String keywordMatches(String keyword, String eachLimited) {
        List<String> lookups = new ArrayList<>();
        boolean digits = PHONE_FRAGMENT.matcher(keyword).matches();
        if (!digits) {
            lookups.add(
                    keyword.codePointCount(0, keyword.length()) >= 2
                            ? "select id as member_id from member where tenant_id = :tenantId"
                                    + " and name_bigrams @> text_bigrams(:keyword) and lower(name) like :contains"
                            : "select id as member_id from member where tenant_id = :tenantId and lower(name) like :contains");
        }
        if (digits) {
            lookups.add("select id as member_id from member where tenant_id = :tenantId and phone like :contains");
        }
        if (CODE.matcher(keyword).matches()) {
            lookups.add("select id as member_id from member where tenant_id = :tenantId and code like :prefix");
            lookups.add("select member_id from card where tenant_id = :tenantId and code like :prefix");
        }
        return lookups.stream()
                .map(lookup -> eachLimited.isEmpty() ? lookup : "(" + lookup + eachLimited + ")")
                .collect(java.util.stream.Collectors.joining(" union "));
    }

    private static Money money(ResultSet rs, String column) throws SQLException {
        return Money.of(rs.getBigDecimal(column));
    }

    /** Makes %, _ and \\ in a keyword match themselves. */
    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static MemberView.Totals totals(ResultSet rs, int row) throws SQLException {
        return new MemberView.Totals(
                rs.getLong("members"),
                money(rs, "actual_recharge"),
                money(rs, "give_recharge"),
                money(rs, "actual_expense"),
                money(rs, "give_expense"),
                money(rs, "actual_balance"),
                money(rs, "give_balance"),
                rs.getLong("total_points"),
                rs.getLong("actual_points"),
                rs.getLong("used_points"));
    }

    /**
     * The totals of a filter on level, shop, class and status only (or no filter): the kept totals
     * of the matching groups plus their deltas not folded yet, in one snapshot.
     */
    MemberView.Totals keptTotals(long tenantId, MemberFilter filter) {
        StringBuilder groups = new StringBuilder();
        Map<String, Object> params = new java.util.HashMap<>();
        params.put("tenantId", tenantId);
        groupConditions(groups, params, "", filter);
        return jdbc.sql(KEPT_SUMS + " from member_totals_kept c where tenant_id = :tenantId" + groups)
                .params(params)
                .query(TOTALS)
                .single();
    }

    /**
     * Folds every pending delta into the totals of its group; answers how many were folded. Tenant
     * by tenant, so that each fold names its tenant (sharded, it runs on that tenant's node), in a
     * repeatable-read transaction: the sums and the delete see one snapshot, so exactly the deltas
     * summed are deleted, and a delta a payment commits meanwhile waits for the next fold. Two folds
     * of one tenant at once (two instances): the later one fails on the rows the first deleted and
     * rolls back whole.
     */
    int foldTotals() {
        int folded = 0;
        for (long tenantId : jdbc.sql("select distinct tenant_id from member_totals_delta")
                .query(Long.class)
                .list()) {
            try {
                folded += Objects.requireNonNull(oneSnapshot.execute(status -> foldTotals(tenantId)));
            } catch (ConcurrencyFailureException anotherFold) {
                // another instance folded this tenant's deltas meanwhile: nothing lost, nothing to do
            }
        }
        return folded;
    }

    private int foldTotals(long tenantId) {
        jdbc.sql("""
                        insert into member_totals as t (tenant_id, member_level_id, shop_id, class_id, status,
                               members, actual_recharge, give_recharge, actual_expense, give_expense,
                               actual_balance, give_balance, total_points, actual_points, used_points)
                        select tenant_id, member_level_id, shop_id, class_id, status, sum(members),
                               sum(actual_recharge), sum(give_recharge), sum(actual_expense), sum(give_expense),
                               sum(actual_balance), sum(give_balance), sum(total_points), sum(actual_points),
                               sum(used_points)
                        from member_totals_delta where tenant_id = :tenantId
                        group by tenant_id, member_level_id, shop_id, class_id, status
                        on conflict (tenant_id, member_level_id, shop_id, class_id, status) do update set
                            members = t.members + excluded.members,
                            actual_recharge = t.actual_recharge + excluded.actual_recharge,
                            give_recharge = t.give_recharge + excluded.give_recharge,
                            actual_expense = t.actual_expense + excluded.actual_expense,
                            give_expense = t.give_expense + excluded.give_expense,
                            actual_balance = t.actual_balance + excluded.actual_balance,
                            give_balance = t.give_balance + excluded.give_balance,
                            total_points = t.total_points + excluded.total_points,
                            actual_points = t.actual_points + excluded.actual_points,
                            used_points = t.used_points + excluded.used_points
                        """).param("tenantId", tenantId).update();
        return jdbc.sql("delete from member_totals_delta where tenant_id = :tenantId")
                .param("tenantId", tenantId)
                .update();
    }
}
