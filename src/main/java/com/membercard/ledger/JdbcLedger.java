package com.membercard.ledger;

import com.membercard.card.CardTotals;
import com.membercard.shared.Money;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Repository;

/**
 * The ledger's SQL: writing a bill with its entries and the cards' cache in one statement (one
 * round trip, one snapshot), or in three of one transaction where a data-modifying CTE cannot be
 * parsed (the sharded mode), so a bill is whole or absent.
 */
@Repository
class JdbcLedger {

    /**
     * Moves the cards' cache by the sums of the entries of {@code %1$s} (rows as {@link #ENTRY_COLUMNS}),
     * each card once however many entries it has. {@code %2$s}: a further condition on the card rows.
     */
    private static final String MOVE_CARD_CACHE = """
            update card set
                actual_balance = actual_balance + d.real_delta, give_balance = give_balance + d.gift_delta,
                balance = balance + d.real_delta + d.gift_delta,
                actual_recharge = actual_recharge + d.recharge_real, give_recharge = give_recharge + d.recharge_gift,
                total_recharge = total_recharge + d.recharge_real + d.recharge_gift,
                actual_expense = actual_expense + d.expense_real, give_expense = give_expense + d.expense_gift,
                total_expense = total_expense + d.expense_real + d.expense_gift,
                actual_points = actual_points + d.points_delta, total_points = total_points + d.points_earned,
                used_points = used_points + d.points_used
            from (select card_id, sum(real_delta) as real_delta, sum(gift_delta) as gift_delta,
                         sum(points_delta) as points_delta, sum(recharge_real) as recharge_real,
                         sum(recharge_gift) as recharge_gift, sum(expense_real) as expense_real,
                         sum(expense_gift) as expense_gift, sum(points_earned) as points_earned,
                         sum(points_used) as points_used
                  from %1$s group by card_id) d
            where card.tenant_id = :tenantId and card.id = d.card_id%2$s""";

    /**
     * Inserts the entries of {@code %2$s} (rows as {@link #ENTRY_COLUMNS}) in their order, for bill
     * {@code %1$s}.
     */
    private static final String INSERT_ENTRIES = """
            insert into ledger_entry (tenant_id, bill_id, card_id, kind, real_delta, gift_delta, points_delta,
                                      recharge_real, recharge_gift, expense_real, expense_gift, points_earned,
                                      points_used, points_shortfall, real_after, gift_after, points_after)
            select :tenantId, %1$s, x.card_id, x.kind, x.real_delta, x.gift_delta, x.points_delta, x.recharge_real,
                   x.recharge_gift, x.expense_real, x.expense_gift, x.points_earned, x.points_used,
                   x.points_shortfall, x.real_after, x.gift_after, x.points_after
            from %2$s order by x.n""";

    /** The columns of an entry's row in a {@code values} list ({@link #ENTRY_ROW}). */
    private static final String ENTRY_COLUMNS = """
            card_id, kind, real_delta, gift_delta, points_delta, recharge_real, recharge_gift, expense_real,
            expense_gift, points_earned, points_used, points_shortfall, real_after, gift_after, points_after, n""";

    /**
     * The bill falls on its shop's open business day: the later of the day after the shop's last
     * closed day ({@code shop.closed_through}) and {@code :today}, the tenant's calendar day by the
     * service's clock (computed in Java; the database's clock decides no business date). A bill
     * without a shop falls on {@code :today}; a shop that does not exist gives no day, and the bill's
     * {@code not null} refuses it.
     *
     * <p>The day is read in this statement, with no lock: the lock protocol with day-end is on
     * day-end's side (settlement's {@code DayEnds}). It moves {@code closed_through} on and commits,
     * then waits until every transaction that began before that commit has ended before it totals
     * the day. So a bill whose transaction began after the move reads the new value and falls on the
     * next day, and a bill that read the old value has committed (and is counted) or rolled back by
     * the time the day is totalled: in the closed day's totals or on a later day, never both, never
     * neither. This read of the shop row is the one place the money path looks into the tenancy
     * module's tables, to keep it one round trip.
     *
     * <p>The entries are a {@code values} list of as many rows as the bill has entries (one
     * statement text per count): the planner knows the count, so after its first five calls the
     * prepared statement keeps a generic plan (an array parameter's length it cannot know, and a
     * generic plan costed for ten rows an {@code unnest} lost to planning afresh on every call).
     */
    private static final String INSERT_BILL = """
            insert into bill (tenant_id, bill_no, kind, card_id, shop_id, operator_id, api_key_id, business_date,
                              amount, payment_type, related_bill_id, plan_id, gift_id, order_code, remark,
                              signed_in_operator_id)
            select :tenantId, :prefix || to_char(d.day, 'YYYYMMDD') || lpad(nextval('bill_no_seq')::text, 8, '0'),
                   :kind, :cardId, :shopId, :operatorId, :apiKeyId, d.day, :amount, :paymentType, :relatedBillId,
                   :planId, :giftId, :orderCode, :remark, :signedInOperatorId
            from (select case when cast(:shopId as bigint) is null then cast(:today as date)
                              else (select greatest(s.closed_through + 1, cast(:today as date)) from shop s
                                    where s.tenant_id = :tenantId and s.id = :shopId) end as day) d
            returning id, bill_no, business_date""";

    /** One row of the entries' {@code values} list; {@code #} is the entry's index. */
    private static final String ENTRY_ROW = """
            (cast(:card# as bigint), cast(:kind# as text), cast(:real# as numeric), cast(:gift# as numeric),
             cast(:points# as bigint), cast(:rechargeReal# as numeric), cast(:rechargeGift# as numeric),
             cast(:expenseReal# as numeric), cast(:expenseGift# as numeric), cast(:earned# as bigint),
             cast(:used# as bigint), cast(:shortfall# as bigint), cast(:realAfter# as numeric),
             cast(:giftAfter# as numeric), cast(:pointsAfter# as bigint), #)""";

    /** The one statement that writes a bill, by number of entries. */
    private static final Map<Integer, String> ONE_STATEMENT = new ConcurrentHashMap<>();

    /** The statements after {@link #INSERT_BILL} that write a bill when it takes three, by number of entries. */
    private static final Map<Integer, EntriesAndCards> SEPARATE_STATEMENTS = new ConcurrentHashMap<>();

    private record EntriesAndCards(String entries, String cards) {}

    /** A batch's bills as rows {@code i}, in their order ({@code n}). */
    private static final String BATCH_BILLS = """
            unnest(:prefixes::text[], :kinds::text[], :cardIds::bigint[], :shopIds::bigint[],
                   :operatorIds::bigint[], :apiKeyIds::bigint[], :signedInOperatorIds::bigint[],
                   :amounts::numeric[], :paymentTypes::int[], :relatedBillIds::bigint[], :planIds::bigint[],
                   :giftIds::bigint[], :orderCodes::text[], :remarks::text[])
                with ordinality as i(prefix, kind, card_id, shop_id, operator_id, api_key_id, signed_in_operator_id,
                                     amount, payment_type, related_bill_id, plan_id, gift_id, order_code, remark, n)""";

    /**
     * Inserts the bills of {@code %4$s} (rows as {@link #BATCH_BILLS}) in their order, each on its own
     * shop's open day as {@link #INSERT_BILL}. With ids drawn ahead: {@code %1$s} {@code "id, "},
     * {@code %2$s} {@code "overriding system value"}, {@code %3$s} {@code "d.id, "}; else all three empty.
     */
    private static final String INSERT_BATCH_BILLS = """
            insert into bill (tenant_id, %1$sbill_no, kind, card_id, shop_id, operator_id, api_key_id, business_date,
                              amount, payment_type, related_bill_id, plan_id, gift_id, order_code, remark,
                              signed_in_operator_id)
            %2$s
            select :tenantId, %3$sd.prefix || to_char(d.day, 'YYYYMMDD') || lpad(nextval('bill_no_seq')::text, 8, '0'),
                   d.kind, d.card_id, d.shop_id, d.operator_id, d.api_key_id, d.day, d.amount, d.payment_type,
                   d.related_bill_id, d.plan_id, d.gift_id, d.order_code, d.remark, d.signed_in_operator_id
            from (select i.*, case when i.shop_id is null then cast(:today as date)
                                   when s.id is not null then greatest(s.closed_through + 1, cast(:today as date))
                              end as day
                  from %4$s left join shop s on s.tenant_id = :tenantId and s.id = i.shop_id) d
            order by d.n
            returning id, bill_no, business_date""";

    /** A batch's entries as rows {@code x} (as {@link #ENTRY_COLUMNS}), each naming its bill by its place ({@code bill_n}). */
    private static final String BATCH_ENTRIES = """
            unnest(:billNs::bigint[], :entryCardIds::bigint[], :entryKinds::text[], :real::numeric[],
                   :gift::numeric[], :points::bigint[], :rechargeReal::numeric[],
                   :rechargeGift::numeric[], :expenseReal::numeric[], :expenseGift::numeric[],
                   :earned::bigint[], :used::bigint[], :shortfall::bigint[], :realAfter::numeric[],
                   :giftAfter::numeric[], :pointsAfter::bigint[])
                with ordinality as x(bill_n, card_id, kind, real_delta, gift_delta, points_delta, recharge_real,
                                     recharge_gift, expense_real, expense_gift, points_earned, points_used,
                                     points_shortfall, real_after, gift_after, points_after, n)""";

    /**
     * The redundant range of the batch's card ids bounds the scan of the primary key even before the
     * table has statistics (a fresh database's first import), where the planner would read every card
     * of the tenant to join them.
     */
    private static final String BATCH_CARD_RANGE = " and card.id between :lowestCardId and :highestCardId";

    /**
     * A batch of bills ({@link #postAll}) in one statement: as {@link #post}, each bill on its own
     * shop's open day, with ids drawn ahead (CTE {@code i}) so that each entry names its bill by its
     * place in the batch ({@code bill_n}).
     */
    private static final String POST_ALL = "with i as materialized (select i.*, nextval(pg_get_serial_sequence('bill',"
            + " 'id')) as id from " + BATCH_BILLS + "),\n"
            + "b as (" + INSERT_BATCH_BILLS.formatted("id, ", "overriding system value", "d.id, ", "i") + "),\n"
            + "x as (select * from " + BATCH_ENTRIES + "),\n"
            + "e as (" + INSERT_ENTRIES.formatted("i.id", "x join i on i.n = x.bill_n") + "),\n"
            + "c as (" + MOVE_CARD_CACHE.formatted("x", BATCH_CARD_RANGE) + ")\n"
            + "select b.id, b.bill_no, b.business_date from b join i on i.id = b.id order by i.n";

    /** {@link #POST_ALL} as three statements: the bills (ids as they come), their entries, the cards' cache. */
    private static final String SEPARATE_BATCH_BILLS = INSERT_BATCH_BILLS.formatted("", "", "", BATCH_BILLS);

    private static final String SEPARATE_BATCH_ENTRIES = INSERT_ENTRIES.formatted(
            "i.id", BATCH_ENTRIES + " join unnest(:billIds::bigint[]) with ordinality as i(id, n) on i.n = x.bill_n");

    private static final String SEPARATE_BATCH_CARDS = MOVE_CARD_CACHE.formatted(BATCH_ENTRIES, BATCH_CARD_RANGE);

    private static final RowMapper<PostedBill> POSTED = (rs, n) ->
            new PostedBill(rs.getLong("id"), rs.getString("bill_no"), rs.getObject("business_date", LocalDate.class));

    private final JdbcClient jdbc;
    private final StatementForm form;

    JdbcLedger(JdbcClient jdbc, StatementForm form) {
        this.jdbc = jdbc;
        this.form = form;
    }

    /**
     * Writes the bill and its entries and moves the cards' cache by the same amounts: in one
     * statement (CTEs {@code b}, {@code x}, {@code e}, {@code c}: one round trip, one snapshot), or,
     * where that cannot be parsed ({@link StatementForm}), in three in the caller's transaction: the
     * bill, its entries, the cards' cache. The same rows either way; the tests run both.
     *
     * @param after each entry's balances after it, in the entries' order
     */
    PostedBill post(long tenantId, LocalDate today, Long shopId, Bill bill, List<CardTotals> after) {
        int entries = bill.entries().size();
        if (!form.separate()) {
            String statement = ONE_STATEMENT.computeIfAbsent(entries, JdbcLedger::oneStatement);
            return withEntries(withBill(jdbc.sql(statement), tenantId, today, shopId, bill), bill, after)
                    .query(POSTED)
                    .single();
        }
        PostedBill posted = withBill(jdbc.sql(INSERT_BILL), tenantId, today, shopId, bill)
                .query(POSTED)
                .single();
        EntriesAndCards statements = SEPARATE_STATEMENTS.computeIfAbsent(entries, JdbcLedger::separateStatements);
        withEntries(jdbc.sql(statements.entries()), bill, after)
                .param("tenantId", tenantId)
                .param("billId", posted.id())
                .update();
        withEntries(jdbc.sql(statements.cards()), bill, after)
                .param("tenantId", tenantId)
                .update();
        return posted;
    }

    private static String oneStatement(int entries) {
        return "with b as (\n" + INSERT_BILL + "),\n"
                + "x (" + ENTRY_COLUMNS + ") as (\n" + values(entries) + "),\n"
                + "e as (\n" + INSERT_ENTRIES.formatted("b.id", "b, x") + "),\n"
                + "c as (\n" + MOVE_CARD_CACHE.formatted("x", "") + ")\n"
                + "select id, bill_no, business_date from b";
    }

    private static EntriesAndCards separateStatements(int entries) {
        String x = "(" + values(entries) + ") x (" + ENTRY_COLUMNS + ")";
        return new EntriesAndCards(INSERT_ENTRIES.formatted(":billId", x), MOVE_CARD_CACHE.formatted(x, ""));
    }

    private static String values(int entries) {
        return IntStream.range(0, entries)
                .mapToObj(i -> ENTRY_ROW.replace("#", Integer.toString(i)))
                .collect(Collectors.joining(",\n", "values ", ""));
    }

    private static StatementSpec withBill(
            StatementSpec statement, long tenantId, LocalDate today, Long shopId, Bill bill) {
        return statement
                .param("tenantId", tenantId)
                .param("today", today)
                .param("prefix", bill.kind().prefix())
                .param("kind", bill.kind().name())
                .param("cardId", bill.cardId())
                .param("shopId", shopId)
                .param("operatorId", bill.actor().operatorId())
                .param("apiKeyId", bill.actor().apiKeyId())
                .param("signedInOperatorId", bill.actor().signedInOperatorId())
                .param("amount", bill.amount().amount())
                .param(
                        "paymentType",
                        bill.paymentType() == null ? null : bill.paymentType().code())
                .param("relatedBillId", bill.relatedBillId())
                .param("planId", bill.planId())
                .param("giftId", bill.giftId())
                .param("orderCode", bill.orderCode())
                .param("remark", bill.remark());
    }

    /** The parameters of the entries' {@code values} list ({@link #ENTRY_ROW}). */
    private static StatementSpec withEntries(StatementSpec statement, Bill bill, List<CardTotals> after) {
        List<Entry> entries = bill.entries();
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            CardTotals totals = after.get(i);
            statement = statement
                    .param("card" + i, entry.cardId())
                    .param("kind" + i, entry.kind().name())
                    .param("real" + i, entry.real().amount())
                    .param("gift" + i, entry.gift().amount())
                    .param("points" + i, entry.points())
                    .param("rechargeReal" + i, entry.rechargeReal().amount())
                    .param("rechargeGift" + i, entry.rechargeGift().amount())
                    .param("expenseReal" + i, entry.expenseReal().amount())
                    .param("expenseGift" + i, entry.expenseGift().amount())
                    .param("earned" + i, entry.pointsEarned())
                    .param("used" + i, entry.pointsUsed())
                    .param("shortfall" + i, entry.pointsShortfall())
                    .param("realAfter" + i, totals.real().amount())
                    .param("giftAfter" + i, totals.gift().amount())
                    .param("pointsAfter" + i, totals.points());
        }
        return statement;
    }

    /**
     * Writes a batch of bills with their entries and moves the cards' cache: in one statement, or in
     * three where that cannot be parsed ({@link StatementForm}).
     *
     * @param shopIds each bill's shop
     * @param after each bill's entries' balances after them
     */
    List<PostedBill> postAll(
            long tenantId, LocalDate today, List<Long> shopIds, List<Bill> bills, List<List<CardTotals>> after) {
        List<Long> billNs = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        List<CardTotals> entriesAfter = new ArrayList<>();
        for (int n = 0; n < bills.size(); n++) {
            for (Entry entry : bills.get(n).entries()) {
                billNs.add(n + 1L);
                entries.add(entry);
            }
            entriesAfter.addAll(after.get(n));
        }
        if (!form.separate()) {
            StatementSpec statement = withBatchBills(jdbc.sql(POST_ALL), tenantId, today, shopIds, bills);
            return withBatchEntries(statement, billNs, entries, entriesAfter)
                    .query(POSTED)
                    .list();
        }
        // inserted in the batch's order, so issued ids in that order: sorted by id, the bills' order
        List<PostedBill> posted =
                withBatchBills(jdbc.sql(SEPARATE_BATCH_BILLS), tenantId, today, shopIds, bills)
                        .query(POSTED)
                        .list()
                        .stream()
                        .sorted(Comparator.comparingLong(PostedBill::id))
                        .toList();
        withBatchEntries(jdbc.sql(SEPARATE_BATCH_ENTRIES), billNs, entries, entriesAfter)
                .param("tenantId", tenantId)
                .param("billIds", posted.stream().map(PostedBill::id).toArray(Long[]::new))
                .update();
        withBatchEntries(jdbc.sql(SEPARATE_BATCH_CARDS), billNs, entries, entriesAfter)
                .param("tenantId", tenantId)
                .update();
        return posted;
    }

    private static StatementSpec withBatchBills(
            StatementSpec statement, long tenantId, LocalDate today, List<Long> shopIds, List<Bill> bills) {
        return statement
                .param("tenantId", tenantId)
                .param("today", today)
                .param("prefixes", bills.stream().map(b -> b.kind().prefix()).toArray(String[]::new))
                .param("kinds", bills.stream().map(b -> b.kind().name()).toArray(String[]::new))
                .param("cardIds", bills.stream().map(Bill::cardId).toArray(Long[]::new))
                .param("shopIds", shopIds.toArray(Long[]::new))
                .param(
                        "operatorIds",
                        bills.stream().map(b -> b.actor().operatorId()).toArray(Long[]::new))
                .param(
                        "apiKeyIds",
                        bills.stream().map(b -> b.actor().apiKeyId()).toArray(Long[]::new))
                .param(
                        "signedInOperatorIds",
                        bills.stream().map(b -> b.actor().signedInOperatorId()).toArray(Long[]::new))
                .param("amounts", bills.stream().map(b -> b.amount().toString()).toArray(String[]::new))
                .param(
                        "paymentTypes",
                        bills.stream()
                                .map(b -> b.paymentType() == null
                                        ? null
                                        : b.paymentType().code())
                                .toArray(Integer[]::new))
                .param("relatedBillIds", bills.stream().map(Bill::relatedBillId).toArray(Long[]::new))
                .param("planIds", bills.stream().map(Bill::planId).toArray(Long[]::new))
                .param("giftIds", bills.stream().map(Bill::giftId).toArray(Long[]::new))
                .param("orderCodes", bills.stream().map(Bill::orderCode).toArray(String[]::new))
                .param("remarks", bills.stream().map(Bill::remark).toArray(String[]::new));
    }

    /** The parameters of {@link #BATCH_ENTRIES}, and the range of their cards ({@link #BATCH_CARD_RANGE}). */
    private static StatementSpec withBatchEntries(
            StatementSpec statement, List<Long> billNs, List<Entry> entries, List<CardTotals> entriesAfter) {
        return statement
                .param("billNs", billNs.toArray(Long[]::new))
                .param(
                        "lowestCardId",
                        entries.stream().mapToLong(Entry::cardId).min().orElseThrow())
                .param(
                        "highestCardId",
                        entries.stream().mapToLong(Entry::cardId).max().orElseThrow())
                .param("entryCardIds", longs(entries, Entry::cardId))
                .param("entryKinds", entries.stream().map(e -> e.kind().name()).toArray(String[]::new))
                .param("real", amounts(entries, Entry::real))
                .param("gift", amounts(entries, Entry::gift))
                .param("points", longs(entries, Entry::points))
                .param("rechargeReal", amounts(entries, Entry::rechargeReal))
                .param("rechargeGift", amounts(entries, Entry::rechargeGift))
                .param("expenseReal", amounts(entries, Entry::expenseReal))
                .param("expenseGift", amounts(entries, Entry::expenseGift))
                .param("earned", longs(entries, Entry::pointsEarned))
                .param("used", longs(entries, Entry::pointsUsed))
                .param("shortfall", longs(entries, Entry::pointsShortfall))
                .param(
                        "realAfter",
                        entriesAfter.stream().map(t -> t.real().toString()).toArray(String[]::new))
                .param(
                        "giftAfter",
                        entriesAfter.stream().map(t -> t.gift().toString()).toArray(String[]::new))
                .param(
                        "pointsAfter",
                        entriesAfter.stream().map(CardTotals::points).toArray(Long[]::new));
    }

    private static String[] amounts(List<Entry> entries, Function<Entry, Money> field) {
        return entries.stream().map(e -> field.apply(e).toString()).toArray(String[]::new);
    }

    private static Long[] longs(List<Entry> entries, Function<Entry, Long> field) {
        return entries.stream().map(field).toArray(Long[]::new);
    }
}
