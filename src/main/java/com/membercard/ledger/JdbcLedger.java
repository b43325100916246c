package com.membercard.ledger;

import com.membercard.card.CardTotals;
import com.membercard.shared.Money;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
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
     * <p>The lock protocol with day-end: the shop row is read {@code for key share}, a lock held to
     * the end of the payment's transaction. Day-end takes the same row {@code for update} before it
     * totals a day and moves {@code closed_through}, so it waits for every bill that read the old
     * value to commit (and then counts it), and every bill after it waits for the close to commit
     * and, re-reading the row (READ COMMITTED re-checks a locked row's newest version), falls on the
     * next day. A bill is in the closed day's totals or on a later day, never both, never neither.
     * The cost on the payment path is nil in round trips (it is this same statement) and next to nil
     * in locking: the bill's foreign key to the shop already takes this very lock (the foreign key
     * check is a {@code for key share} of the shop row), now taken a moment earlier; payments of one
     * shop share it and never wait for each other, and renaming a shop (no key update) does not
     * block them. This read of the shop row is the one place the money path looks into the tenancy
     * module's tables, to keep it one round trip.
     */
    private static final String POST = """
            with s as (
                select greatest(closed_through + 1, cast(:today as date)) as day from shop
                where tenant_id = :tenantId and id = :shopId
                for key share),
            b as (
                insert into bill (tenant_id, bill_no, kind, card_id, shop_id, operator_id, api_key_id, business_date,
                                  amount, payment_type, related_bill_id, plan_id, gift_id, order_code, remark,
                                  signed_in_operator_id)
                select :tenantId, :prefix || to_char(d.day, 'YYYYMMDD') || lpad(nextval('bill_no_seq')::text, 8, '0'),
                       :kind, :cardId, :shopId, :operatorId, :apiKeyId, d.day, :amount, :paymentType, :relatedBillId,
                       :planId, :giftId, :orderCode, :remark, :signedInOperatorId
                from (select coalesce((select day from s), cast(:today as date)) as day) d
                returning id, bill_no, business_date),
            x as (
                select * from unnest(:cardIds::bigint[], :kinds::text[], :real::numeric[], :gift::numeric[],
                                     :points::bigint[], :rechargeReal::numeric[], :rechargeGift::numeric[],
                                     :expenseReal::numeric[], :expenseGift::numeric[], :earned::bigint[], :used::bigint[],
                                     :shortfall::bigint[], :realAfter::numeric[], :giftAfter::numeric[],
                                     :pointsAfter::bigint[])
                    with ordinality as x(card_id, kind, real_delta, gift_delta, points_delta, recharge_real,
                                         recharge_gift, expense_real, expense_gift, points_earned, points_used,
                                         points_shortfall, real_after, gift_after, points_after, n)),
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
        // The planner cannot see the arrays' length in a reusable plan, so it would plan this
        // statement afresh on every call (0.8 ms a payment, measured); for this transaction, keep
        // the prepared statement's generic plan, which is as good for one to four entries.
        jdbc.sql("set local plan_cache_mode = force_generic_plan").update();
        return jdbc.sql(POST)
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
                .param("remark", bill.remark())
                .param("cardIds", longs(entries, Entry::cardId))
                .param("kinds", entries.stream().map(e -> e.kind().name()).toArray(String[]::new))
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
                .param("realAfter", after.stream().map(t -> t.real().toString()).toArray(String[]::new))
                .param("giftAfter", after.stream().map(t -> t.gift().toString()).toArray(String[]::new))
                .param("pointsAfter", after.stream().map(CardTotals::points).toArray(Long[]::new))
                .query((rs, n) -> new PostedBill(
                        rs.getLong("id"), rs.getString("bill_no"), rs.getObject("business_date", LocalDate.class)))
                .single();
    }

    private static String[] amounts(List<Entry> entries, Function<Entry, Money> field) {
        return entries.stream().map(e -> field.apply(e).toString()).toArray(String[]::new);
    }

    private static Long[] longs(List<Entry> entries, Function<Entry, Long> field) {
        return entries.stream().map(field).toArray(Long[]::new);
    }
}
