-- Issue 11: the payment transaction with fewer round trips and no row that every payment locks.
-- bench/README.md "Card payment benchmark", "What one payment runs", explains each saving.

-- 1. A serial's lock and its lookup in one round trip. Twins of a serial queue on the advisory lock;
--    the lookup runs after it, and being a statement of a volatile function it takes a snapshot of
--    its own once the lock is held, so the second twin sees the first's committed record (a lookup
--    in the same statement as the lock would not: a statement's snapshot is taken before it waits).
create function serial_record_locked(p_tenant_id bigint, p_operation varchar, p_serial varchar)
    returns table (request_hash char(64), response text)
    language plpgsql volatile as $$
begin
    perform pg_advisory_xact_lock(hashtextextended(p_tenant_id || '/' || p_operation || '/' || p_serial, 0));
    return query
        select s.request_hash, s.response::text from serial_record s
        where s.tenant_id = p_tenant_id and s.operation = p_operation and s.serial = p_serial;
end $$;

-- 2. The business day a bill of a shop falls on, and the lock protocol with day-end, without a row
--    lock on the shop. Until now every bill read the shop row FOR KEY SHARE (and its foreign key
--    did again): with many tills of one shop at once, each such lock on a row that others hold
--    makes a new MultiXact of all of them and writes the row's header, so the payments of a shop
--    all queued on one buffer. Now a bill takes the shop's day lock in shared mode (any number at
--    once, nothing written) and day-end takes it exclusively before it totals a day: it waits for
--    every bill holding it to commit, and every bill after it waits for the close to commit. The
--    read of closed_through, a statement of its own in this volatile function, has a snapshot taken
--    once the lock is held, so it sees the close that ended the wait. A bill without a shop falls on
--    the day given.
create function shop_business_day(p_tenant_id bigint, p_shop_id bigint, p_today date)
    returns date
    language plpgsql volatile as $$
declare
    day date;
begin
    if p_shop_id is null then
        return p_today;
    end if;
    perform pg_advisory_xact_lock_shared(shop_day_lock(p_shop_id));
    select greatest(s.closed_through + 1, p_today) into day
    from shop s where s.tenant_id = p_tenant_id and s.id = p_shop_id;
    if not found then
        -- what the bill's foreign key to the shop said until now
        raise exception 'shop % of tenant % does not exist', p_shop_id, p_tenant_id
            using errcode = 'foreign_key_violation';
    end if;
    return day;
end $$;

-- the key of a shop's day lock, shared by the bills above and by day-end (exclusive)
create function shop_day_lock(p_shop_id bigint) returns bigint
    language sql immutable as $$ select hashtextextended('shop-day/' || p_shop_id, 0) $$;

-- 3. No foreign key from the ledger to rows that every payment of a tenant, a shop or an API key
--    names: each check is a FOR KEY SHARE of that one row, the MultiXact queue of (2) again. What
--    the keys guarded, that a bill never names a row that is gone, holds otherwise: tenants,
--    operators and API keys are never deleted (deactivated, revoked; the trigger below refuses a
--    delete), and a shop is deleted only when no bill names it, checked under its day lock taken
--    exclusively (so no bill of it is being written meanwhile), while a bill for a shop that is gone
--    fails in shop_business_day. The service writes a bill only with the ids of the request's
--    authenticated tenant, key, operator and shop. The keys to the card, the bill's entries,
--    refunds' bills, plans and gifts stay.
alter table bill drop constraint bill_tenant_id_fkey;
alter table bill drop constraint bill_tenant_id_shop_id_fkey;
alter table bill drop constraint bill_tenant_id_operator_id_fkey;
alter table bill drop constraint bill_tenant_id_signed_in_operator_id_fkey;
alter table bill drop constraint bill_tenant_id_api_key_id_fkey;
alter table serial_record drop constraint serial_record_tenant_id_fkey;

create function refuse_delete_of_named_row() returns trigger language plpgsql as $$
begin
    raise exception '% rows are never deleted: bills name them (deactivate instead)', tg_table_name
        using errcode = 'P0001';
end $$;

do $$
declare t text;
begin
    foreach t in array array['tenant', 'operator', 'api_key']
    loop
        execute format('create trigger %I_never_deleted before delete or truncate on %I
                        for each statement execute function refuse_delete_of_named_row()', t, t);
    end loop;
end $$;

create function refuse_delete_of_shop_with_bills() returns trigger language plpgsql as $$
begin
    perform pg_advisory_xact_lock(shop_day_lock(old.id));
    if exists (select 1 from bill where tenant_id = old.tenant_id and shop_id = old.id) then
        raise exception 'shop % has bills', old.id using errcode = 'foreign_key_violation';
    end if;
    return old;
end $$;

create trigger shop_without_bills before delete on shop
    for each row execute function refuse_delete_of_shop_with_bills();
create trigger shop_never_truncated before truncate on shop
    for each statement execute function refuse_delete_of_named_row();
