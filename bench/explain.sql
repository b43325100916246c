-- EXPLAIN (ANALYZE, BUFFERS) of the statements behind the benchmarked reads, written out as
-- JdbcMemberQueries / JdbcCards build them, with literal values in place of the bind parameters.
-- Run through bench/explain.sh, which sets these psql variables from the manifest:
--   tenant, level, shop, member_id, phone, card_code, fragment (a 2-character name fragment)
\set ON_ERROR_STOP on
\pset pager off
\timing off

-- the member's card columns, as JdbcMemberQueries.SELECT, and the join of a page's member ids (joined())
\set cols 'm.id, m.code, m.name, m.sex, m.birthday, m.phone, m.id_card, m.address, m.level_id, c.id as card_id, c.code as card_code, c.mac_last4, c.class_id, c.status, c.send_mode, c.shop_id, c.effective_time, c.actual_recharge, c.give_recharge, c.actual_expense, c.give_expense, c.actual_balance, c.give_balance, c.total_points, c.actual_points, c.used_points, c.points_disabled_date'
\set from 'from card c join member m on m.tenant_id = c.tenant_id and m.id = c.member_id where c.tenant_id = ' :tenant ' and c.replaced_by_card_id is null'
\set joined 'from page p join card c on c.tenant_id = ' :tenant ' and c.member_id = p.member_id and c.replaced_by_card_id is null join member m on m.tenant_id = c.tenant_id and m.id = c.member_id order by p.member_id desc'
\set kept 'coalesce(sum(c.members), 0) as members, coalesce(sum(c.actual_recharge), 0), coalesce(sum(c.give_recharge), 0), coalesce(sum(c.actual_expense), 0), coalesce(sum(c.give_expense), 0), coalesce(sum(c.actual_balance), 0), coalesce(sum(c.give_balance), 0), coalesce(sum(c.total_points), 0), coalesce(sum(c.actual_points), 0), coalesce(sum(c.used_points), 0)'

select encode(mac_hash, 'hex') as mac_hex from card where tenant_id = :tenant and code = :'card_code' \gset
select '%' || substr(:'phone', 4, 6) || '%' as phone_fragment_contains, substr(:'phone', 4, 6) || '%' as phone_fragment_prefix,
       lower(:'fragment') as fragment_lower, '%' || lower(:'fragment') || '%' as fragment_contains \gset

\echo '=== op01 member by id (MemberQueries.get -> byId)'
explain (analyze, buffers, costs off) select :cols :from and c.member_id = :member_id;

\echo '=== op08 card by code (JdbcCards.byCode)'
explain (analyze, buffers, costs off) select * from card where tenant_id = :tenant and code = :'card_code';

\echo '=== op08 / op07 card by secret (JdbcCards.byMacHash; op07 then reads byCardId)'
explain (analyze, buffers, costs off) select * from card where tenant_id = :tenant and mac_hash = decode(:'mac_hex', 'hex');

\echo '=== op07 keyword = full phone: the whole-match statement answers (the fragment one is not sent)'
explain (analyze, buffers, costs off)
with page as (select member_id from (
        select id from member where tenant_id = :tenant and phone = :'phone' and active
        union select id from member where tenant_id = :tenant and code = :'phone'
        union select member_id from card where tenant_id = :tenant and code = :'phone') e(member_id)
    order by member_id desc)
select :cols :joined;

\echo '=== op07 keyword = card code: the same statement, the card code index answers'
explain (analyze, buffers, costs off)
with page as (select member_id from (
        select id from member where tenant_id = :tenant and phone = :'card_code' and active
        union select id from member where tenant_id = :tenant and code = :'card_code'
        union select member_id from card where tenant_id = :tenant and code = :'card_code') e(member_id)
    order by member_id desc)
select :cols :joined;

\echo '=== op07 keyword = a phone fragment nobody has whole: the fragment lookups (trigram, code prefixes)'
explain (analyze, buffers, costs off)
with page as (select member_id from (
        (select id from member where tenant_id = :tenant and phone like :'phone_fragment_contains' order by 1 desc limit 50)
        union (select id from member where tenant_id = :tenant and code like :'phone_fragment_prefix' order by 1 desc limit 50)
        union (select member_id from card where tenant_id = :tenant and code like :'phone_fragment_prefix' order by 1 desc limit 50)
    ) k(member_id) order by member_id desc limit 50)
select :cols :joined;

\echo '=== op07 keyword = 2-character name fragment (bigram index): the newest 50 matches, then 50 joins'
explain (analyze, buffers, costs off)
with page as (select member_id from (
    select member_id from (
        (select id from member where tenant_id = :tenant
             and name_bigrams @> text_bigrams(:'fragment_lower') and lower(name) like :'fragment_contains'
         order by 1 desc limit 50)) k(member_id)) m order by member_id desc limit 50)
select :cols :joined;

\echo '=== op02 first page, unfiltered: the page ids on the index of current cards, then 20 joins'
explain (analyze, buffers, costs off)
with page as (select c.member_id from card c where c.tenant_id = :tenant and c.replaced_by_card_id is null
              order by c.member_id desc limit 20 offset 0)
select :cols :joined;

\echo '=== op02 unfiltered: totalCount and sumData from the kept totals of every group (keptTotals)'
explain (analyze, buffers, costs off)
select :kept from member_totals_kept c where tenant_id = :tenant;

\echo '=== op02 deep page (pageIndex=1000, offset 19980), unfiltered'
explain (analyze, buffers, costs off)
with page as (select c.member_id from card c where c.tenant_id = :tenant and c.replaced_by_card_id is null
              order by c.member_id desc limit 20 offset 19980)
select :cols :joined;

\echo '=== op02 filtered by level and shop: the page'
explain (analyze, buffers, costs off)
with page as (select c.member_id from card c where c.tenant_id = :tenant and c.replaced_by_card_id is null
                  and c.member_level_id = :level and c.shop_id = :shop
              order by c.member_id desc limit 20 offset 0)
select :cols :joined;

\echo '=== op02 filtered by level and shop: totalCount and sumData from the kept totals of the matching groups'
explain (analyze, buffers, costs off)
select :kept from member_totals_kept c where tenant_id = :tenant and member_level_id = :level and shop_id = :shop;

\echo '=== op02 filtered by level and shop, deep page (offset 9960, pageIndex 499)'
explain (analyze, buffers, costs off)
with page as (select c.member_id from card c where c.tenant_id = :tenant and c.replaced_by_card_id is null
                  and c.member_level_id = :level and c.shop_id = :shop
              order by c.member_id desc limit 20 offset 9960)
select :cols :joined;

\echo '=== op02 with opening dates (not kept per group): the matching cards are summed, for comparison'
explain (analyze, buffers, costs off)
select count(*), coalesce(sum(c.actual_balance), 0) from card c
where c.tenant_id = :tenant and c.replaced_by_card_id is null
  and c.effective_time >= now() - interval '30 days';
