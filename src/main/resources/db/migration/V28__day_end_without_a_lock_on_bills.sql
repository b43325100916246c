-- Issues 11 and 12: a bill takes no lock for day-end any more, and runs no function to find its day.
--
-- Until now (V27) every bill took its shop's day lock in shared mode inside the plpgsql function
-- shop_business_day, and day-end took it exclusively: a function call and a lock per payment, 5-13%
-- of the payment's throughput. Day-end now keeps the protocol by itself (DayEnds, JdbcDayEnds): it
-- moves the shop's closed_through on and commits that first, then waits until every transaction
-- that began before that commit has ended, and only then totals the day. A bill reads
-- closed_through in its own statement (JdbcLedger), so a bill whose transaction began after the
-- move falls on the next day, and one that began before it has committed (and is counted) or rolled
-- back by the time the day is totalled. The bill's side is a plain subquery.
drop function shop_business_day(bigint, bigint, date);

-- A shop that bills name is never deleted. The check needs no lock against a bill being written
-- meanwhile: a bill names the shop of its operator, its API key or its card, and each of those rows
-- keeps a foreign key to the shop, so the delete fails on them first while such a bill can be on
-- its way.
create or replace function refuse_delete_of_shop_with_bills() returns trigger language plpgsql as $$
begin
    if exists (select 1 from bill where tenant_id = old.tenant_id and shop_id = old.id) then
        raise exception 'shop % has bills', old.id using errcode = 'foreign_key_violation';
    end if;
    return old;
end $$;

drop function shop_day_lock(bigint);
