-- Day-end and the reports at scale (issue 12, item 4; measured in bench/README.md, "Business day").
-- On 5,000,000 bills a 31-day report over all shops took seconds in the heap: bills of a date range
-- of every shop had no index (bill_shop_day_idx leads with the shop, and PostgreSQL 17 does not
-- skip-scan), and the entries of 400,000 bills were read row by row from the ledger_entry heap. The
-- two indexes below replace the two that served these reads, so a payment still writes the same
-- number of index entries (one per bill, one per entry), only wider ones: day-end and every report
-- read bills and entries from the indexes alone (index-only scans).
--
-- The business date leads the shop: a day of one shop (day-end) is as exact as before, a date range
-- of all shops (reports) is one range, and a range of one shop filters inside the index.
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
