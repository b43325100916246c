-- EXPLAIN (ANALYZE, BUFFERS) of the statements behind the benchmarked reads, written out as
-- JdbcMemberQueries / JdbcCards build them, with literal values in place of the bind parameters.
-- Run through bench/explain.sh, which sets these psql variables from the manifest:
--   tenant, level, shop, member_id, phone, card_code, fragment (a 2-character name fragment)
\set ON_ERROR_STOP on
\pset pager off
\timing off

-- the member's card columns, as JdbcMemberQueries.SELECT
\set cols 'm.id, m.code, m.name, m.sex, m.birthday, m.phone, m.id_card, m.address, m.level_id, c.id as card_id, c.code as card_code, c.mac_last4, c.class_id, c.status, c.send_mode, c.shop_id, c.effective_time, c.actual_recharge, c.give_recharge, c.actual_expense, c.give_expense, c.actual_balance, c.give_balance, c.total_points, c.actual_points, c.used_points, c.points_disabled_date'
\set sums 'count(*) as members, coalesce(sum(c.actual_recharge), 0), coalesce(sum(c.give_recharge), 0), coalesce(sum(c.actual_expense), 0), coalesce(sum(c.give_expense), 0), coalesce(sum(c.actual_balance), 0), coalesce(sum(c.give_balance), 0), coalesce(sum(c.total_points), 0), coalesce(sum(c.actual_points), 0), coalesce(sum(c.used_points), 0)'
\set from 'from card c join member m on m.tenant_id = c.tenant_id and m.id = c.member_id where c.tenant_id = ' :tenant ' and c.replaced_by_card_id is null'

select encode(mac_hash, 'hex') as mac_hex from card where tenant_id = :tenant and code = :'card_code' \gset
select :'phone' || '%' as phone_prefix, '%' || :'phone' || '%' as phone_contains,
       :'card_code' || '%' as code_prefix, '%' || :'card_code' || '%' as code_contains,
       lower(:'fragment') as fragment_lower, '%' || lower(:'fragment') || '%' as fragment_contains \gset

\echo '=== op01 member by id (MemberQueries.get -> byId)'
explain (analyze, buffers, costs off) select :cols :from and c.member_id = :member_id;

\echo '=== op08 card by code (JdbcCards.byCode)'
explain (analyze, buffers, costs off) select * from card where tenant_id = :tenant and code = :'card_code';

\echo '=== op08 / op07 card by secret (JdbcCards.byMacHash; op07 then reads byCardId)'
explain (analyze, buffers, costs off) select * from card where tenant_id = :tenant and mac_hash = decode(:'mac_hex', 'hex');

\echo '=== op07 keyword = full phone (digits: phone contains, member code prefix, card code prefix), limit 50'
explain (analyze, buffers, costs off)
select :cols :from and c.member_id in (
    select id from member where tenant_id = :tenant and phone like :'phone_contains'
    union select id from member where tenant_id = :tenant and code like :'phone_prefix'
    union select member_id from card where tenant_id = :tenant and code like :'phone_prefix')
order by c.member_id desc limit 50 offset 0;

\echo '=== op07 keyword = card code (all digits, so the same three lookups), limit 50'
explain (analyze, buffers, costs off)
select :cols :from and c.member_id in (
    select id from member where tenant_id = :tenant and phone like :'code_contains'
    union select id from member where tenant_id = :tenant and code like :'code_prefix'
    union select member_id from card where tenant_id = :tenant and code like :'code_prefix')
order by c.member_id desc limit 50 offset 0;

\echo '=== op07 keyword = 2-character name fragment (bigram index), limit 50'
explain (analyze, buffers, costs off)
select :cols :from and c.member_id in (
    select id from member where tenant_id = :tenant
        and name_bigrams @> text_bigrams(:'fragment_lower') and lower(name) like :'fragment_contains')
order by c.member_id desc limit 50 offset 0;

\echo '=== op02 first page, unfiltered: the page'
explain (analyze, buffers, costs off) select :cols :from order by c.member_id desc limit 20 offset 0;

\echo '=== op02 unfiltered: totalCount and sumData (MemberQueries.page -> allMembers)'
explain (analyze, buffers, costs off)
select coalesce(t.members, 0) + coalesce(d.members, 0) as members,
       coalesce(t.actual_balance, 0) + coalesce(d.actual_balance, 0) as actual_balance
from (select :tenant::bigint as tenant_id) k
left join member_totals t on t.tenant_id = k.tenant_id
left join (select sum(members) as members, sum(actual_balance) as actual_balance
           from member_totals_delta where tenant_id = :tenant) d on true;

\echo '=== op02 deep page (pageIndex=1000, offset 19980), unfiltered'
explain (analyze, buffers, costs off) select :cols :from order by c.member_id desc limit 20 offset 19980;

\echo '=== op02 filtered by level and shop: the page'
explain (analyze, buffers, costs off)
select :cols :from and c.member_level_id = :level and c.shop_id = :shop order by c.member_id desc limit 20 offset 0;

\echo '=== op02 filtered by level and shop: totalCount and sumData (JdbcMemberQueries.totals)'
explain (analyze, buffers, costs off)
select :sums :from and c.member_level_id = :level and c.shop_id = :shop;

\echo '=== op02 filtered by level and shop, deep page (offset 7980, pageIndex 400)'
explain (analyze, buffers, costs off)
select :cols :from and c.member_level_id = :level and c.shop_id = :shop order by c.member_id desc limit 20 offset 7980;

\echo '=== op02 filtered by level only (~200,000 members at 1M): totals, for comparison'
explain (analyze, buffers, costs off)
select :sums :from and c.member_level_id = :level;
