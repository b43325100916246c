-- Rewrites and an index that would bring the slow reads of bench/explain.sql within their targets,
-- measured on the loaded data and then ROLLED BACK: nothing here stays in the database. Building
-- the trial indexes locks the card table against writes for a few seconds, so run it on a benchmark
-- database only. Same psql variables as explain.sql (bench/explain.sh --alternatives sets them).
\set ON_ERROR_STOP on
\pset pager off

\set cols 'm.id, m.code, m.name, m.sex, m.birthday, m.phone, m.id_card, m.address, m.level_id, c.id as card_id, c.code as card_code, c.mac_last4, c.class_id, c.status, c.send_mode, c.shop_id, c.effective_time, c.actual_recharge, c.give_recharge, c.actual_expense, c.give_expense, c.actual_balance, c.give_balance, c.total_points, c.actual_points, c.used_points, c.points_disabled_date'
\set sums 'count(*) as members, coalesce(sum(c.actual_recharge), 0), coalesce(sum(c.give_recharge), 0), coalesce(sum(c.actual_expense), 0), coalesce(sum(c.give_expense), 0), coalesce(sum(c.actual_balance), 0), coalesce(sum(c.give_balance), 0), coalesce(sum(c.total_points), 0), coalesce(sum(c.actual_points), 0), coalesce(sum(c.used_points), 0)'
\set from 'from card c join member m on m.tenant_id = c.tenant_id and m.id = c.member_id where c.tenant_id = ' :tenant ' and c.replaced_by_card_id is null'
select lower(:'fragment') as fragment_lower, '%' || lower(:'fragment') || '%' as fragment_contains \gset

\echo '=== A1 filtered totals without the join to member (the sums read card columns only; the foreign key guarantees the member)'
explain (analyze, buffers, costs off)
select :sums from card c
where c.tenant_id = :tenant and c.replaced_by_card_id is null and c.member_level_id = :level and c.shop_id = :shop;

begin;
create index bench_trial_card_level_shop on card (tenant_id, member_level_id, shop_id, member_id)
    where replaced_by_card_id is null;
analyze card;

\echo '=== A2 filtered totals without the join, with a (level, shop, member) index of current cards'
explain (analyze, buffers, costs off)
select :sums from card c
where c.tenant_id = :tenant and c.replaced_by_card_id is null and c.member_level_id = :level and c.shop_id = :shop;

\echo '=== A3 filtered deep page (offset 7980), same index, page ids first (index-only), then 20 joins'
explain (analyze, buffers, costs off)
select :cols :from and c.member_id in (
    select member_id from card
    where tenant_id = :tenant and replaced_by_card_id is null and member_level_id = :level and shop_id = :shop
    order by member_id desc limit 20 offset 7980)
order by c.member_id desc;

\echo '=== A4 unfiltered deep page (offset 19980), page ids first, then 20 joins (no new index needed)'
explain (analyze, buffers, costs off)
select :cols :from and c.member_id in (
    select member_id from card where tenant_id = :tenant and replaced_by_card_id is null
    order by member_id desc limit 20 offset 19980)
order by c.member_id desc;
rollback;

begin;
create index bench_trial_card_level_shop_sums on card (tenant_id, member_level_id, shop_id)
    include (actual_recharge, give_recharge, actual_expense, give_expense, actual_balance, give_balance,
             total_points, actual_points, used_points)
    where replaced_by_card_id is null;
analyze card;

\echo '=== A5 filtered totals without the join, with a covering index (index-only: no card heap at all)'
explain (analyze, buffers, costs off)
select :sums from card c
where c.tenant_id = :tenant and c.replaced_by_card_id is null and c.member_level_id = :level and c.shop_id = :shop;
rollback;

\echo '=== A6 op07 by name fragment: the newest 50 matches inside the lookup, then 50 joins (no new index)'
explain (analyze, buffers, costs off)
select :cols :from and c.member_id in (
    select id from member where tenant_id = :tenant
        and name_bigrams @> text_bigrams(:'fragment_lower') and lower(name) like :'fragment_contains'
    order by id desc limit 50)
order by c.member_id desc limit 50 offset 0;
