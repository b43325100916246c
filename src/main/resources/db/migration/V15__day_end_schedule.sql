-- The automatic day-end of a tenant (settlement module): at close_hour, the tenant's time, every
-- shop's business day is closed as a cashier would (issue 12). No row: no automatic close.
create table day_end_schedule (
    tenant_id   bigint      primary key references tenant (id),
    close_hour  smallint    not null check (close_hour between 0 and 23),
    updated_at  timestamptz not null default now()
);
