package com.membercard.ledger;

import com.membercard.card.CardTotals;
import com.membercard.shared.Money;
import com.membercard.shared.idempotency.SerialRecord;
import com.membercard.shared.jdbc.StatementForm;
import com.membercard.shared.jdbc.TenantNode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Repository;

/**
 * The ledger's SQL: writing a bill with its entries and the cards' cache in one statement (one
 * round trip, one snapshot), or as plain statements of one transaction where that statement cannot
 * be parsed (the sharded mode), so a bill is whole or absent.
 */
@Repository
class JdbcLedger {

    /**
     * Moves a card's cache by the sums of its entries, named {@code %1$s}{@code real_delta} and so on
     * ({@code "d."}: columns of a derived table; {@code ":"}: parameters).
     */
    private static final String MOVE_CARD_BY = """
            actual_balance = actual_balance + %1$sreal_delta, give_balance = give_balance + %1$sgift_delta,
            balance = balance + %1$sreal_delta + %1$sgift_delta,
            actual_recharge = actual_recharge + %1$srecharge_real, give_recharge = give_recharge + %1$srecharge_gift,
            total_recharge = total_recharge + %1$srecharge_real + %1$srecharge_gift,
            actual_expense = actual_expense + %1$sexpense_real, give_expense = give_expense + %1$sexpense_gift,
            total_expense = total_expense + %1$sexpense_real + %1$sexpense_gift,
            actual_points = actual_points + %1$spoints_delta, total_points = total_points + %1$spoints_earned,
            used_points = used_points + %1$spoints_used""";

    /**
     * Moves the cards' cache by the sums of the entries of {@code %1$s} (rows as {@link #ENTRY_COLUMNS}),
     * each card once however many entries it has. {@code %2$s}: a further condition on the card rows.
     */
    private static final String MOVE_CARD_CACHE = "update card set " + MOVE_CARD_BY.formatted("d.") + """

            from (select card_id, sum(real_delta) as real_delta, sum(gift_delta) as gift_delta,
                         sum(points_delta) as points_delta, sum(recharge_real) as recharge_real,
                         sum(recharge_gift) as recharge_gift, sum(expense_real) as expense_real,
                         sum(expense_gift) as expense_gift, sum(points_earned) as points_earned,
                         sum(points_used) as points_used
                  from %1$s group by card_id) d
            where card.tenant_id = :tenantId and card.id = d.card_id%2$s""";

    /**
     * Moves one card's cache by the sums of its entries in a bill, given as parameters ({@link #movesOf}):
     * the separate statements' update, and the one statement's for a bill on one card, where it spares
     * PostgreSQL the grouping of {@link #MOVE_CARD_CACHE}.
     */
    private static final String MOVE_ONE_CARD =
            "update card set " + MOVE_CARD_BY.formatted(":") + "\nwhere tenant_id = :tenantId and id = :movedCardId";

    /** The columns of a ledger entry as the service writes them. */
    private static final String LEDGER_ENTRY_COLUMNS = """
            tenant_id, bill_id, card_id, kind, real_delta, gift_delta, points_delta, recharge_real, recharge_gift,
            expense_real, expense_gift, points_earned, points_used, points_shortfall, real_after, gift_after,
            points_after""";

    /**
     * Inserts the entries of {@code %2$s} (rows as {@link #ENTRY_COLUMNS}) in their order, for bill
     * {@code %1$s}.
     */
    private static final String INSERT_ENTRIES = "insert into ledger_entry (" + LEDGER_ENTRY_COLUMNS + ")\n" + """
            select :tenantId, %1$s, x.card_id, x.kind, x.real_delta, x.gift_delta, x.points_delta, x.recharge_real,
                   x.recharge_gift, x.expense_real, x.expense_gift, x.points_earned, x.points_used,
                   x.points_shortfall, x.real_after, x.gift_after, x.points_after
            from %2$s order by x.n""";

    /** The columns of an entry's row in a {@code values} list ({@link #ENTRY_ROW}). */
    private static final String ENTRY_COLUMNS = """
            card_id, kind, real_delta, gift_delta, points_delta, recharge_real, recharge_gift, expense_real,
            expense_gift, points_earned, points_used, points_shortfall, real_after, gift_after, points_after, n""";

    /** The columns of a bill as the service writes it (but its id). */
    private static final String BILL_COLUMNS = """
            tenant_id, bill_no, kind, card_id, shop_id, operator_id, api_key_id, business_date, amount, payment_type,
            related_bill_id, plan_id, gift_id, order_code, remark, signed_in_operator_id""";

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
    private static final String INSERT_BILL = "insert into bill (" + BILL_COLUMNS + ")\n" + """
            select :tenantId, :prefix || to_char(d.day, 'YYYYMMDD') || lpad(nextval('bill_no_seq')::text, 8, '0'),
                   :kind, :cardId, :shopId, :operatorId, :apiKeyId, d.day, :amount, :paymentType, :relatedBillId,
                   :planId, :giftId, :orderCode, :remark, :signedInOperatorId
            from (select case when cast(:shopId as bigint) is null then cast(:today as date)
                              else (select greatest(s.closed_through + 1, cast(:today as date)) from shop s
                                    where s.tenant_id = :tenantId and s.id = :shopId) end as day) d
            returning id, bill_no, business_date""";

    /**
     * A shop's open business day ({@link #INSERT_BILL}) and the bill's number from {@code bill_no_seq},
     * read on their own where the bill is written by separate statements ({@link #INSERT_BILL_VALUES}).
     */
    private static final String SHOP_DAY_AND_NUMBER = """
            select greatest(s.closed_through + 1, cast(:today as date)) as day, nextval('bill_no_seq') as number
            from shop s where s.tenant_id = :tenantId and s.id = :shopId""";

    /** As {@link #SHOP_DAY_AND_NUMBER} for a bill without a shop: today. */
    private static final String TODAY_AND_NUMBER =
            "select cast(:today as date) as day, nextval('bill_no_seq') as number";

    /**
     * {@link #INSERT_BILL} with its day and number given ({@link #SHOP_DAY_AND_NUMBER}): a plain insert
     * of parameters. Nothing computed among them: ShardingSphere writes a sharded insert's values out
     * again, and loses parameters of an expression (seen: two of {@code ? || to_char(?, …) || …}) and
     * the spaces of a {@code cast(… as …)}.
     */
    private static final String INSERT_BILL_VALUES = "insert into bill (" + BILL_COLUMNS + ")\n" + """
            values (:tenantId, :billNo, :kind, :cardId, :shopId, :operatorId, :apiKeyId, :day, :amount, :paymentType,
                    :relatedBillId, :planId, :giftId, :orderCode, :remark, :signedInOperatorId)
            returning id, bill_no, business_date""";

    /** The bill number's date part, as {@code to_char(day, 'YYYYMMDD')} in {@link #INSERT_BILL}. */
    private static final DateTimeFormatter BILL_NO_DAY = DateTimeFormatter.BASIC_ISO_DATE;

    /**
     * An entry's fields as parameters, with their types, in the order of {@link #ENTRY_COLUMNS};
     * {@code #} is the entry's index.
     */
    private static final List<List<String>> ENTRY_PARAMETERS = List.of(
            List.of("card#", "bigint"),
            List.of("kind#", "text"),
            List.of("real#", "numeric"),
            List.of("gift#", "numeric"),
            List.of("points#", "bigint"),
            List.of("rechargeReal#", "numeric"),
            List.of("rechargeGift#", "numeric"),
            List.of("expenseReal#", "numeric"),
            List.of("expenseGift#", "numeric"),
            List.of("earned#", "bigint"),
            List.of("used#", "bigint"),
            List.of("shortfall#", "bigint"),
            List.of("realAfter#", "numeric"),
            List.of("giftAfter#", "numeric"),
            List.of("pointsAfter#", "bigint"));

    /**
     * One row of the entries' {@code values} list (as {@link #ENTRY_COLUMNS}): typed, since no table's
     * columns give the parameters their types there.
     */
    private static final String ENTRY_ROW = ENTRY_PARAMETERS.stream()
            .map(p -> "cast(:" + p.get(0) + " as " + p.get(1) + ")")
            .collect(Collectors.joining(", ", "(", ", #)"));

    /**
     * One row of the plain insert of a bill's entries (as {@link #LEDGER_ENTRY_COLUMNS}): untyped,
     * the columns type them (and ShardingSphere, which writes a sharded insert's values out again,
     * loses the spaces of a {@code cast(… as …)}).
     */
    private static final String LEDGER_ENTRY_ROW = ENTRY_PARAMETERS.stream()
            .map(p -> ":" + p.get(0))
            .collect(Collectors.joining(", ", "(:tenantId, :billId, ", ")"));

    /** What the one statement that writes a bill is built for. */
    private record Shape(int entries, boolean oneCard, boolean withSerialRecord) {}

    /** The one statement that writes a bill, by its shape. */
    private static final Map<Shape, String> ONE_STATEMENT = new ConcurrentHashMap<>();

    /** The plain insert of a bill's entries, by number of entries. */
    private static final Map<Integer, String> INSERT_ENTRY_ROWS = new ConcurrentHashMap<>();

    /** A batch's bills as rows {@code i}, in their order ({@code n}). */
    private static final String BATCH_BILLS = """
            unnest(:prefixes::text[], :kinds::text[], :cardIds::bigint[], :shopIds::bigint[],
                   :operatorIds::bigint[], :apiKeyIds::bigint[], :signedInOperatorIds::bigint[],
                   :amounts::numeric[], :paymentTypes::int[], :relatedBillIds::bigint[], :planIds::bigint[],
                   :giftIds::bigint[], :orderCodes::text[], :remarks::text[])
                with ordinality as i(prefix, kind, card_id, shop_id, operator_id, api_key_id, signed_in_operator_id,
                                     amount, payment_type, related_bill_id, plan_id, gift_id, order_code, remark, n)""";

    /**
     * Inserts the bills of CTE {@code i} (rows as {@link #BATCH_BILLS}, with their ids drawn ahead) in
     * their order, each on its own shop's open day as {@link #INSERT_BILL}.
     */
    private static final String INSERT_BATCH_BILLS = "insert into bill (id, " + BILL_COLUMNS + ")\n" + """
            overriding system value
            select d.id, :tenantId,
                   d.prefix || to_char(d.day, 'YYYYMMDD') || lpad(nextval('bill_no_seq')::text, 8, '0'),
                   d.kind, d.card_id, d.shop_id, d.operator_id, d.api_key_id, d.day, d.amount, d.payment_type,
                   d.related_bill_id, d.plan_id, d.gift_id, d.order_code, d.remark, d.signed_in_operator_id
            from (select i.*, case when i.shop_id is null then cast(:today as date)
                                   when s.id is not null then greatest(s.closed_through + 1, cast(:today as date))
                              end as day
                  from i left join shop s on s.tenant_id = :tenantId and s.id = i.shop_id) d
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
            + "b as (" + INSERT_BATCH_BILLS + "),\n"
            + "x as (select * from " + BATCH_ENTRIES + "),\n"
            + "e as (" + INSERT_ENTRIES.formatted("i.id", "x join i on i.n = x.bill_n") + "),\n"
            + "c as (" + MOVE_CARD_CACHE.formatted("x", BATCH_CARD_RANGE) + ")\n"
            + "select b.id, b.bill_no, b.business_date from b join i on i.id = b.id order by i.n";

    private static final RowMapper<PostedBill> POSTED = (rs, n) ->
            new PostedBill(rs.getLong("id"), rs.getString("bill_no"), rs.getObject("business_date", LocalDate.class));

    private final JdbcClient jdbc;
    private final StatementForm form;
    private final TenantNode tenantNode;

    JdbcLedger(JdbcClient jdbc, StatementForm form, TenantNode tenantNode) {
        this.jdbc = jdbc;
        this.tenantNode = tenantNode;
        this.form = form;
    }

    /**
     * Writes the bill and its entries and moves the cards' cache by the same amounts: in one
     * statement (CTEs {@code b}, {@code x}, {@code e}, {@code c}: one round trip, one snapshot), or,
     * where that cannot be parsed ({@link StatementForm}), as plain statements in the caller's
     * transaction ({@link #postSeparately}). The same rows either way; the tests run both.
     *
     * <p>A bill on one card (a payment, a recharge) moves it by parameters summed here ({@link
     * #MOVE_ONE_CARD}); a bill on several (a card's replacement) by its entries grouped in SQL. The
     * one statement also writes {@code serialRecord} when given (CTE {@code s}); the separate
     * statements leave it unwritten, for the caller's idempotency to insert.
     *
     * @param after each entry's balances after it, in the entries' order
     * @param serialRecord the serial's record with its answer named, or null
     */
    PostedBill post(
            long tenantId, LocalDate today, Long shopId, Bill bill, List<CardTotals> after, SerialRecord serialRecord) {
        if (!form.separate()) {
            Map<Long, CardTotals> moves = movesOf(bill.entries());
            boolean oneCard = moves.size() == 1;
            String statement = ONE_STATEMENT.computeIfAbsent(
                    new Shape(bill.entries().size(), oneCard, serialRecord != null), JdbcLedger::oneStatement);
            StatementSpec spec = withEntries(withBill(jdbc.sql(statement), tenantId, today, shopId, bill), bill, after);
            if (oneCard) {
                Map.Entry<Long, CardTotals> move = moves.entrySet().iterator().next();
                spec = withMove(spec, move.getKey(), move.getValue());
            }
            if (serialRecord == null) {
                return spec.query(POSTED).single();
            }
            PostedBill posted = serialRecord.bind(spec).query(POSTED).single();
            serialRecord.written();
            return posted;
        }
        return postSeparately(tenantId, today, shopId, bill, after);
    }

    /**
     * {@link #post} as plain statements (the sharded mode's parser refuses a CTE that writes, and its
     * router an {@code insert … select} into a sharded table): the shop's open day, the bill, its
     * entries, each card's cache.
     */
    private PostedBill postSeparately(long tenantId, LocalDate today, Long shopId, Bill bill, List<CardTotals> after) {
        record DayAndNumber(LocalDate day, long number) {}
        DayAndNumber next = (shopId == null
                        // pinned: it names no table, so it would draw the number on node 0
                        ? jdbc.sql(tenantNode.pin(tenantId, TODAY_AND_NUMBER))
                        : jdbc.sql(SHOP_DAY_AND_NUMBER)
                                .param("tenantId", tenantId)
                                .param("shopId", shopId))
                .param("today", today)
                .query((rs, n) -> new DayAndNumber(rs.getObject("day", LocalDate.class), rs.getLong("number")))
                .optional()
                // as the one statement's not null refuses a bill of a shop that does not exist
                .orElseThrow(() -> new DataIntegrityViolationException(
                        "shop " + shopId + " of tenant " + tenantId + " does not exist"));
        PostedBill posted = withBill(jdbc.sql(INSERT_BILL_VALUES), tenantId, today, shopId, bill)
                .param("day", next.day())
                .param("billNo", bill.kind().prefix() + BILL_NO_DAY.format(next.day()) + lpad8(next.number()))
                .query(POSTED)
                .single();
        String entries = INSERT_ENTRY_ROWS.computeIfAbsent(
                bill.entries().size(),
                n -> "insert into ledger_entry (" + LEDGER_ENTRY_COLUMNS + ") values " + rows(LEDGER_ENTRY_ROW, n));
        withEntries(jdbc.sql(entries), bill, after)
                .param("tenantId", tenantId)
                .param("billId", posted.id())
                .update();
        movesOf(bill.entries())
                .forEach((cardId, move) -> withMove(jdbc.sql(MOVE_ONE_CARD), cardId, move)
                        .param("tenantId", tenantId)
                        .update());
        return posted;
    }

    private static String oneStatement(Shape shape) {
        return "with b as (\n" + INSERT_BILL + "),\n"
                + "x (" + ENTRY_COLUMNS + ") as (\nvalues " + rows(ENTRY_ROW, shape.entries()) + "),\n"
                + "e as (\n" + INSERT_ENTRIES.formatted("b.id", "b, x") + "),\n"
                + "c as (\n" + (shape.oneCard() ? MOVE_ONE_CARD : MOVE_CARD_CACHE.formatted("x", "")) + ")"
                + (shape.withSerialRecord() ? ",\ns as (\n" + SerialRecord.INSERT + ")\n" : "\n")
                + "select id, bill_no, business_date from b";
    }

    /** As {@code lpad(number::text, 8, '0')}: zeros in front, or the first 8 digits of a longer one. */
    private static String lpad8(long number) {
        String digits = "00000000" + number;
        return digits.length() > 16 ? digits.substring(8, 16) : digits.substring(digits.length() - 8);
    }

    /** {@code entries} rows of {@code row}, each with its index for {@code #}. */
    private static String rows(String row, int entries) {
        return IntStream.range(0, entries)
                .mapToObj(i -> row.replace("#", Integer.toString(i)))
                .collect(Collectors.joining(",\n"));
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
     * Writes a batch of bills with their entries and moves the cards' cache: in one statement, or,
     * where that cannot be parsed ({@link StatementForm}), bill by bill as {@link #post} does.
     *
     * @param shopIds each bill's shop
     * @param after each bill's entries' balances after them
     */
    List<PostedBill> postAll(
            long tenantId, LocalDate today, List<Long> shopIds, List<Bill> bills, List<List<CardTotals>> after) {
        if (form.separate()) {
            List<PostedBill> posted = new ArrayList<>();
            for (int n = 0; n < bills.size(); n++) {
                posted.add(postSeparately(tenantId, today, shopIds.get(n), bills.get(n), after.get(n)));
            }
            return posted;
        }
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
        StatementSpec statement = withBatchBills(jdbc.sql(POST_ALL), tenantId, today, shopIds, bills);
        return withBatchEntries(statement, billNs, entries, entriesAfter)
                .query(POSTED)
                .list();
    }

    /** No move of a card's cache: what a bill's entries on the card are added to ({@link #movesOf}). */
    private static final CardTotals NO_MOVE =
            new CardTotals(Money.ZERO, Money.ZERO, 0, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO, 0, 0);

    /** How a bill moves each card's cache: its entries on the card added up, in their order. */
    private static Map<Long, CardTotals> movesOf(List<Entry> entries) {
        Map<Long, CardTotals> moves = new LinkedHashMap<>();
        for (Entry entry : entries) {
            moves.put(entry.cardId(), entry.applyTo(moves.getOrDefault(entry.cardId(), NO_MOVE)));
        }
        return moves;
    }

    /** The parameters of {@link #MOVE_ONE_CARD}. */
    private static StatementSpec withMove(StatementSpec statement, long cardId, CardTotals move) {
        return statement
                .param("movedCardId", cardId)
                .param("real_delta", move.real().amount())
                .param("gift_delta", move.gift().amount())
                .param("points_delta", move.points())
                .param("recharge_real", move.rechargeReal().amount())
                .param("recharge_gift", move.rechargeGift().amount())
                .param("expense_real", move.expenseReal().amount())
                .param("expense_gift", move.expenseGift().amount())
                .param("points_earned", move.pointsEarned())
                .param("points_used", move.pointsUsed());
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
