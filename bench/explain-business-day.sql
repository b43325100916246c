-- EXPLAIN (ANALYZE, BUFFERS) of the statements behind issue 12's figures, written out as
-- BillTotals (day-end) and LedgerReports (reports, the bill list) send them, with literal values in
-- place of the bind parameters (the service's plans for a report are custom ones: a report's
-- statement runs with other values every time). Run through bench/explain.sh --business-day, which
-- sets from the manifest: tenant, shop (the first heavy shop), day (the heavy day), from and to
-- (the 31 days to the last loaded day).
\set ON_ERROR_STOP on
\pset pager off
\timing off

\echo '=== day-end: BillTotals.ofDay, by kind'
explain (analyze, buffers, costs off)
with b as (
    select id, kind, amount from bill
    where tenant_id = :tenant and shop_id = :shop and business_date = :'day'
    order by id),
e as (
    select e.bill_id, sum(e.real_delta) as real, sum(e.gift_delta) as gift, sum(e.points_delta) as points
    from b join ledger_entry e on e.tenant_id = :tenant and e.bill_id = b.id
    group by e.bill_id)
select b.kind, count(*) as n, sum(b.amount) as amount, coalesce(sum(e.real), 0) as real,
       coalesce(sum(e.gift), 0) as gift, coalesce(sum(e.points), 0) as points
from b left join e on e.bill_id = b.id
group by b.kind order by b.kind;

\echo '=== day-end: BillTotals.ofDay, by payment type'
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

\echo '=== day-end: BillTotals.ofDay, by operator'
explain (analyze, buffers, costs off)
select operator_id, kind, count(*) as n, sum(amount) as amount from bill
where tenant_id = :tenant and shop_id = :shop and business_date = :'day'
group by operator_id, kind order by operator_id nulls last, kind;

\echo '=== report: card payments by shop, 31 days, all shops (LedgerReports.lines)'
explain (analyze, buffers, costs off)
with b as materialized (
    select id, kind, business_date, shop_id, operator_id, plan_id, amount from bill b
    where tenant_id = :tenant and business_date between :'from' and :'to' and kind = any('{CARD_PAYMENT}')
      and (cast(null as bigint) is null or shop_id = null) order by id)
select b.shop_id::text as key, count(*) as bills, sum(b.amount) as amount, coalesce(sum(e.real), 0) as real,
       coalesce(sum(e.gift), 0) as gift, coalesce(sum(e.earned), 0) as earned,
       coalesce(sum(e.spent), 0) as spent, coalesce(sum(e.expired), 0) as expired
from b left join lateral (
    select sum(e.real_delta) as real, sum(e.gift_delta) as gift,
           sum(e.points_earned) as earned, sum(e.points_used) as spent,
           -sum(e.points_delta) filter (where e.kind = 'POINTS_EXPIRE') as expired,
           bool_or(e.points_delta <> 0 or e.points_earned <> 0 or e.points_used <> 0) as points
    from ledger_entry e where e.tenant_id = :tenant and e.bill_id = b.id) e on true
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
