package com.membercard.ledger;

import com.membercard.card.CardTotals;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Repository;

/**
 * The ledger's SQL: writing a bill with its entries and the cards' cache in
 * one statement (one round trip, one snapshot), so a bill is whole or absent.
 */
@Repository
class JdbcLedger {

    /**
     * The bill falls on its shop's open business day: the later of the day after the shop's last
     * closed day ({@code shop.closed_through}) and {@code :today}, the tenant's calendar day by the
     * service's clock (computed in Java; the database's clock decides no business date). A bill
     * without a shop falls on {@code :today}.
     *
     * <p>The lock protocol with day-end is the database function {@code shop_business_day} (V27):
     * it takes the shop's day lock in shared mode, held to the end of the payment's transaction, and
     * then reads {@code closed_through} with a snapshot of its own. Day-end takes the same lock
     * exclusively before it totals a day and moves {@code closed_through}, so it waits for every
     * bill that read the old value to commit (and then counts it), and every bill after it waits for
     * the close to commit and falls on the next day. A bill is in the closed day's totals or on a
     * later day, never both, never neither. Payments of one shop share the lock and never wait for
     * each other, and nothing is written for it (a row lock on the shop, as before V27, made every
     * payment of a shop write the same row's header). This read of the shop row is the one place
     * the money path looks into the tenancy module's tables, to keep it one round trip.
     *
     * <p>The entries are a {@code values} list of as many rows as the bill has entries (one
     * statement text per count): the planner knows the count, so after its first five calls the
     * prepared statement keeps a generic plan (an array parameter's length it cannot know, and a
     * generic plan costed for ten rows an {@code unnest} lost to planning afresh on every call).
     */
    private static final String POST = """
            with b as (
                insert into bill (tenant_id, bill_no, kind, card_id, shop_id, operator_id, api_key_id, business_date,
                                  amount, payment_type, related_bill_id, plan_id, gift_id, order_code, remark,
                                  signed_in_operator_id)
                select :tenantId, :prefix || to_char(d.day, 'YYYYMMDD') || lpad(nextval('bill_no_seq')::text, 8, '0'),
                       :kind, :cardId, :shopId, :operatorId, :apiKeyId, d.day, :amount, :paymentType, :relatedBillId,
                       :planId, :giftId, :orderCode, :remark, :signedInOperatorId
                from (select shop_business_day(:tenantId, :shopId, cast(:today as date)) as day) d
                returning id, bill_no, business_date),
            x (card_id, kind, real_delta, gift_delta, points_delta, recharge_real, recharge_gift, expense_real,
               expense_gift, points_earned, points_used, points_shortfall, real_after, gift_after, points_after, n) as (
                values %s),
            e as (
                insert into ledger_entry (tenant_id, bill_id, card_id, kind, real_delta, gift_delta, points_delta,
                                          recharge_real, recharge_gift, expense_real, expense_gift, points_earned,
                                          points_used, points_shortfall, real_after, gift_after, points_after)
                select :tenantId, b.id, x.card_id, x.kind, x.real_delta, x.gift_delta, x.points_delta, x.recharge_real,
                       x.recharge_gift, x.expense_real, x.expense_gift, x.points_earned, x.points_used,
                       x.points_shortfall, x.real_after, x.gift_after, x.points_after
                from b, x order by x.n),
            c as (
                update card set
                    actual_balance = actual_balance + d.real, give_balance = give_balance + d.gift,
                    balance = balance + d.real + d.gift,
                    actual_recharge = actual_recharge + d.recharge_real, give_recharge = give_recharge + d.recharge_gift,
                    total_recharge = total_recharge + d.recharge_real + d.recharge_gift,
                    actual_expense = actual_expense + d.expense_real, give_expense = give_expense + d.expense_gift,
                    total_expense = total_expense + d.expense_real + d.expense_gift,
                    actual_points = actual_points + d.points, total_points = total_points + d.earned,
                    used_points = used_points + d.used
                from (select card_id, sum(real_delta) as real, sum(gift_delta) as gift, sum(points_delta) as points,
                             sum(recharge_real) as recharge_real, sum(recharge_gift) as recharge_gift,
                             sum(expense_real) as expense_real, sum(expense_gift) as expense_gift,
                             sum(points_earned) as earned, sum(points_used) as used
                      from x group by card_id) d
                where card.tenant_id = :tenantId and card.id = d.card_id)
            select id, bill_no, business_date from b
            """;

    /** One row of the entries' {@code values} list; {@code #} is the entry's index. */
    private static final String ENTRY_ROW = """
            (cast(:card# as bigint), cast(:kind# as text), cast(:real# as numeric), cast(:gift# as numeric),
             cast(:points# as bigint), cast(:rechargeReal# as numeric), cast(:rechargeGift# as numeric),
             cast(:expenseReal# as numeric), cast(:expenseGift# as numeric), cast(:earned# as bigint),
             cast(:used# as bigint), cast(:shortfall# as bigint), cast(:realAfter# as numeric),
             cast(:giftAfter# as numeric), cast(:pointsAfter# as bigint), #)""";

    /** The POST statement by number of entries. */
    private static final Map<Integer, String> POST_BY_ENTRIES = new ConcurrentHashMap<>();

    private final JdbcClient jdbc;

    JdbcLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Writes the bill and its entries and moves the cards' cache by the same amounts.
     *
     * @param after each entry's balances after it, in the entries' order
     */
    PostedBill post(long tenantId, LocalDate today, Long shopId, Bill bill, List<CardTotals> after) {
        List<Entry> entries = bill.entries();
        StatementSpec statement = jdbc.sql(POST_BY_ENTRIES.computeIfAbsent(entries.size(), JdbcLedger::post))
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
        return statement
                .query((rs, n) -> new PostedBill(
                        rs.getLong("id"), rs.getString("bill_no"), rs.getObject("business_date", LocalDate.class)))
                .single();
    }

    private static String post(int entries) {
        return POST.formatted(IntStream.range(0, entries)
                .mapToObj(i -> ENTRY_ROW.replace("#", Integer.toString(i)))
                .collect(Collectors.joining(",\n")));
    }
}
