-- EXPLAIN (ANALYZE, BUFFERS) of the statements behind issue 12's figures, written out as
-- BillTotals (day-end) and LedgerReports (reports, the bill list) send them (day-end's by-kind and
-- by-operator answers then read the few bill_day_total rows the first statement gives), with literal values in
-- place of the bind parameters (the service's plans for a report are custom ones: a report's
-- statement runs with other values every time). Run through bench/explain.sh --business-day, which
-- sets from the manifest: tenant, shop (the first heavy shop), day (the heavy day), from and to
-- (the 31 days to the last loaded day).
\set ON_ERROR_STOP on
\pset pager off
\timing off

\echo '=== day-end: the sums BillTotals.closeDay keeps in bill_day_total (its insert, without inserting)'
explain (analyze, buffers, costs off)
select b.kind, b.operator_id, b.plan_id, coalesce(e.moved_points, false) as moved_points, count(*) as bills,
       sum(b.amount) as amount, coalesce(sum(e.real), 0) as real, coalesce(sum(e.gift), 0) as gift,
       coalesce(sum(e.points), 0) as points, coalesce(sum(e.earned), 0) as points_earned,
       coalesce(sum(e.spent), 0) as points_spent, coalesce(sum(e.expired), 0) as points_expired
from (select tenant_id, id, kind, operator_id, plan_id, amount from bill
      where tenant_id = :tenant and shop_id = :shop and business_date = :'day'
      order by id) b
left join lateral (
    select sum(e.real_delta) as real, sum(e.gift_delta) as gift, sum(e.points_delta) as points,
           sum(e.points_earned) as earned, sum(e.points_used) as spent,
           -sum(e.points_delta) filter (where e.kind = 'POINTS_EXPIRE') as expired,
           bool_or(e.points_delta <> 0 or e.points_earned <> 0 or e.points_used <> 0) as moved_points
    from ledger_entry e where e.tenant_id = b.tenant_id and e.bill_id = b.id) e on true
group by b.kind, b.operator_id, b.plan_id, coalesce(e.moved_points, false);

\echo '=== day-end: BillTotals.closeDay, by payment type'
explain (analyze, buffers, costs off)
with b as (
    select id from bill
    where tenant_id = :tenant and shop_id = :shop and business_date = :'day'),
m as (
    select r.payment_type, r.money as received, 0 as paid_back
    from b join payment_record r on r.tenant_id = :tenant and r.bill_id = b.id
    union all
    select r.payment_type, 0, f.money
    from b join payment_refund f on f.tenant_id = :tenant and f.bill_id = b.id
    join payment_record r on r.tenant_id = :tenant and r.id = f.payment_record_id)
select payment_type, count(*) as n, sum(received) as received, sum(paid_back) as paid_back
from m group by payment_type order by payment_type;

\echo '=== report: card payments by shop, 31 days, all shops (LedgerReports.lines): kept totals of closed days + bills of open days'
set plan_cache_mode = force_custom_plan;
explain (analyze, buffers, costs off)
with live as materialized (
    select tenant_id, id, kind, business_date, shop_id, operator_id, plan_id, amount from bill b
    where tenant_id = :tenant and business_date between :'from' and :'to' and kind = any('{CARD_PAYMENT}')
      and (cast(null as bigint) is null or shop_id = null)
      and not exists (select 1 from bill_day_total t
                      where t.tenant_id = b.tenant_id and t.shop_id = b.shop_id and t.business_date = b.business_date)
    order by id),
days as (
    select business_date, shop_id, operator_id, kind, plan_id, moved_points, bills, amount, real,
           gift, points, points_earned, points_spent, points_expired
    from bill_day_total
    where tenant_id = :tenant and business_date between :'from' and :'to' and kind = any('{CARD_PAYMENT}')
      and (cast(null as bigint) is null or shop_id = null)
    union all
    select b.business_date, b.shop_id, b.operator_id, b.kind, b.plan_id,
           coalesce(e.moved_points, false) as moved_points, count(*) as bills, sum(b.amount) as amount,
           coalesce(sum(e.real), 0) as real, coalesce(sum(e.gift), 0) as gift, coalesce(sum(e.points), 0) as points,
           coalesce(sum(e.earned), 0) as points_earned, coalesce(sum(e.spent), 0) as points_spent,
           coalesce(sum(e.expired), 0) as points_expired
    from live b
    left join lateral (
        select sum(e.real_delta) as real, sum(e.gift_delta) as gift, sum(e.points_delta) as points,
               sum(e.points_earned) as earned, sum(e.points_used) as spent,
               -sum(e.points_delta) filter (where e.kind = 'POINTS_EXPIRE') as expired,
               bool_or(e.points_delta <> 0 or e.points_earned <> 0 or e.points_used <> 0) as moved_points
        from ledger_entry e where e.tenant_id = b.tenant_id and e.bill_id = b.id) e on true
    group by b.business_date, b.shop_id, b.operator_id, b.kind, b.plan_id, coalesce(e.moved_points, false))
select b.shop_id::text as key, sum(b.bills) as bills, sum(b.amount) as amount, sum(b.real) as real,
       sum(b.gift) as gift, sum(b.points_earned) as earned, sum(b.points_spent) as spent,
       sum(b.points_expired) as expired
from days b
where true
group by 1 order by 1 nulls last;

\echo '=== report: recharges by payment type, 31 days, all shops (LedgerReports.lines)'
explain (analyze, buffers, costs off)
with b as (
    select id, kind, business_date, shop_id, operator_id, plan_id, amount from bill b
    where tenant_id = :tenant and business_date between :'from' and :'to' and kind = any('{RECHARGE}')
      and (cast(null as bigint) is null or shop_id = null))
select r.payment_type::text as key, count(distinct b.id) as bills, sum(r.money) as amount,
       0 as real, 0 as gift, 0 as earned, 0 as spent, 0 as expired
from b join payment_record r on r.tenant_id = :tenant and r.bill_id = b.id
group by 1 order by 1;

\echo '=== bill list: the count (LedgerReports.billCount), 31 days, all shops'
explain (analyze, buffers, costs off)
select count(*) from bill b
where b.tenant_id = :tenant and b.business_date between :'from' and :'to'
  and (cast(null as bigint) is null or b.shop_id = null);
