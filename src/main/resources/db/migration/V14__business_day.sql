-- One business clock (issue 12). shop.business_date defaulted to the database server's
-- current_date and nothing ever moved it, so every bill fell on its shop's creation day. A shop now
-- keeps only what day-end decided: the last business day it closed (null: none yet). A bill falls
-- on the later of the day after it and the tenant's calendar day by the service's clock, which the
-- service computes and passes in (JdbcLedger); the database's clock decides no business date.
alter table shop rename column business_date to closed_through;
alter table shop alter column closed_through drop default;
alter table shop alter column closed_through drop not null;
update shop set closed_through = null;

-- Day-end (settlement module): who closed the day, and a shop's days newest first. Status 902 is
-- stored while a close runs; a 902 row whose row lock nobody holds is shown as 903 (interrupted),
-- and the next POST resumes it. 904 is done (905 is derived: the till's totals differ).
alter table day_end add column operator_id bigint;
alter table day_end add column api_key_id bigint;
alter table day_end add column signed_in_operator_id bigint;
create index day_end_shop_idx on day_end (tenant_id, shop_id, business_date desc);

-- Day-end and the reports total a day's bills with their entries and payment records: reached
-- by bill, not by card. One more index entry per ledger row on the payment path (measured in
-- bench/README.md), instead of a scan of every entry of the tenant per report.
create index ledger_entry_bill_idx on ledger_entry (tenant_id, bill_id);
create index payment_record_bill_idx on payment_record (tenant_id, bill_id);
create index payment_refund_bill_idx on payment_refund (tenant_id, bill_id);
