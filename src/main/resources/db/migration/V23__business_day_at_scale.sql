-- Day-end and the reports at scale (issue 12, item 4; measured in bench/README.md, "Business day").
-- On 5,000,000 bills a 31-day report over all shops took seconds in the heap: bills of a date range
-- of every shop had no index (bill_shop_day_idx leads with the shop, and PostgreSQL 17 does not
-- skip-scan), and the entries of 400,000 bills were read row by row from the ledger_entry heap. The
-- two indexes below replace the two that served these reads, so a payment still writes the same
-- number of index entries (one per bill, one per entry), only wider ones: day-end and every report
-- read bills and entries from the indexes alone (index-only scans).
--
-- The business date leads the shop: a day of one shop (day-end) is as exact as before, a date range
-- of all shops (reports) is one range, and a range of one shop filters inside the index. Whether a
-- shop has any bill at all (checked only when a shop is deleted) now reads the tenant's entries of
-- this index rather than one shop's: a rare administrator's action, not worth an index per payment.
drop index bill_shop_day_idx;
create index bill_day_shop_idx on bill (tenant_id, business_date, shop_id)
    include (id, kind, amount, operator_id, plan_id);

drop index ledger_entry_bill_idx;
create index ledger_entry_bill_idx on ledger_entry (tenant_id, bill_id)
    include (kind, real_delta, gift_delta, points_delta, points_earned, points_used);

-- An index-only scan reads the heap for pages not yet marked all-visible, which are the newest
-- ones: the days reports read most. Bills and entries are insert-only, so autovacuum only marks
-- them after a fifth of the table was added (the default insert scale factor); every 50,000 rows
-- keeps the visibility map close behind. This costs the payment path nothing: vacuum runs apart.
alter table bill set (autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 50000);
alter table ledger_entry set (autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 50000);

-- The totals of every closed shop-day, kept by day-end in the close's transaction (ledger
-- BillTotals.closeDay), at the grain the reports group by: kind, operator, plan, and whether the
-- bills moved points. A closed day never changes again (no bill falls on it: JdbcLedger), so a
-- report reads a closed day's few rows here and only the open days' bills from the ledger: a
-- 31-day report reads ~30 rows per shop-day instead of ~700 bills and their entries. Nothing is
-- written on the payment path.
create table bill_day_total (
    tenant_id      bigint         not null,
    shop_id        bigint         not null,
    business_date  date           not null,
    kind           varchar(30)    not null,
    operator_id    bigint,
    plan_id        bigint,
    moved_points   boolean        not null,  -- bills that moved points (the points report counts these)
    bills          bigint         not null,
    amount         numeric(16, 2) not null,  -- as the requests named
    real           numeric(16, 2) not null,  -- as moved on the cards
    gift           numeric(16, 2) not null,
    points         bigint         not null,  -- net points moved
    points_earned  bigint         not null,
    points_spent   bigint         not null,
    points_expired bigint         not null,
    foreign key (tenant_id, shop_id) references shop (tenant_id, id)
);
create index bill_day_total_day_idx on bill_day_total (tenant_id, business_date, shop_id);

-- the days closed before this migration, as day-end would have kept them
insert into bill_day_total (tenant_id, shop_id, business_date, kind, operator_id, plan_id, moved_points, bills, amount,
                            real, gift, points, points_earned, points_spent, points_expired)
select d.tenant_id, d.shop_id, d.business_date, b.kind, b.operator_id, b.plan_id, coalesce(e.moved_points, false),
       count(*), sum(b.amount), coalesce(sum(e.real), 0), coalesce(sum(e.gift), 0), coalesce(sum(e.points), 0),
       coalesce(sum(e.earned), 0), coalesce(sum(e.spent), 0), coalesce(sum(e.expired), 0)
from day_end d
join bill b on b.tenant_id = d.tenant_id and b.shop_id = d.shop_id and b.business_date = d.business_date
left join lateral (
    select sum(e.real_delta) as real, sum(e.gift_delta) as gift, sum(e.points_delta) as points,
           sum(e.points_earned) as earned, sum(e.points_used) as spent,
           -sum(e.points_delta) filter (where e.kind = 'POINTS_EXPIRE') as expired,
           bool_or(e.points_delta <> 0 or e.points_earned <> 0 or e.points_used <> 0) as moved_points
    from ledger_entry e where e.tenant_id = b.tenant_id and e.bill_id = b.id) e on true
where d.status = 904
group by d.tenant_id, d.shop_id, d.business_date, b.kind, b.operator_id, b.plan_id, coalesce(e.moved_points, false);
