-- Moving a tenant from one node to another in the sharded mode (module sharding, TenantMoves; README
-- "Sharded mode", docs/scale-out.md "Moving a tenant"). In single-node mode both tables stay empty
-- and no trigger below fires on the payment path: the guard is installed on a node only while a move
-- leaves it, and the triggers changed here fire on UPDATE or DELETE of rows the service never changes.

-- A move and the step it has reached, on node 0 next to tenant_placement (read and written directly,
-- never through ShardingSphere). One row per tenant: a finished move stays as the tenant's last one.
create table tenant_move (
    tenant_id    bigint       primary key,
    from_node    int          not null check (from_node >= 0),
    to_node      int          not null check (to_node >= 0),
    step         varchar(20)  not null,
    started_at   timestamptz  not null default now(),
    step_at      timestamptz  not null default now(),
    paused_at    timestamptz,
    switched_at  timestamptz,
    finished_at  timestamptz,
    report       text,
    error        text
);

-- On each node: the tenants whose copy on this node is not (or no longer) the live one. A write of
-- such a tenant's row is refused by refuse_write_of_moved_tenant() (installed on the node by the
-- move), whichever instance sent it and whatever placement it had cached; the owner may delete the
-- rows (the old copy, once the new one serves).
create table tenant_moved_out (
    tenant_id  bigint      primary key,
    to_node    int         not null,
    since      timestamptz not null default now()
);

-- Whether the current role may delete rows of this tenant from this table: the table's owner (the
-- move runs as the schema's owner; the service's role owns nothing), and only a tenant moved out.
create function moved_out_row(p_table oid, p_tenant_id bigint) returns boolean
    language sql stable as $$
    select exists (select 1 from pg_class c where c.oid = p_table and pg_has_role(current_user, c.relowner, 'usage'))
       and exists (select 1 from tenant_moved_out m where m.tenant_id = p_tenant_id)
$$;

-- The write guard of a node a tenant leaves: before every row written to a tenant-owned table. SQLSTATE
-- 40M01, of class 40 (transaction rollback), which Spring takes for a concurrency failure: the service
-- answers 615 (HTTP 503 with Retry-After), nothing of the transaction is kept, and a job that skips a
-- tenant on such a failure (the member totals' fold) skips the moving one until it is moved.
create function refuse_write_of_moved_tenant() returns trigger language plpgsql as $$
declare
    row_tenant bigint := case when tg_op = 'DELETE' then old.tenant_id else new.tenant_id end;
begin
    if row_tenant is not null and exists (select 1 from tenant_moved_out m where m.tenant_id = row_tenant) then
        if tg_op = 'DELETE' and moved_out_row(tg_relid, row_tenant) then
            return old;
        end if;
        raise exception 'tenant % is being moved to another node: retry shortly', row_tenant
            using errcode = '40M01';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end $$;

-- The insert-only guards let the owner delete the old copy of a moved tenant, and nothing else.
create or replace function refuse_ledger_change() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' and moved_out_row(tg_relid, old.tenant_id) then
        return old;
    end if;
    raise exception 'ledger table % is insert-only', tg_table_name using errcode = 'P0001';
end $$;

create or replace function refuse_security_event_change() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' and moved_out_row(tg_relid, old.tenant_id) then
        return old;
    end if;
    raise exception 'security_event is insert-only' using errcode = 'P0001';
end $$;

-- Operators and API keys: never deleted (bills name them), except the old copy of a moved tenant; a
-- row trigger now, since a statement trigger cannot see whose rows go. Truncation stays refused.
create function refuse_delete_of_named_tenant_row() returns trigger language plpgsql as $$
begin
    if moved_out_row(tg_relid, old.tenant_id) then
        return old;
    end if;
    raise exception '% rows are never deleted: bills name them (deactivate instead)', tg_table_name
        using errcode = 'P0001';
end $$;

drop trigger operator_never_deleted on operator;
drop trigger api_key_never_deleted on api_key;
create trigger operator_never_deleted before delete on operator
    for each row execute function refuse_delete_of_named_tenant_row();
create trigger api_key_never_deleted before delete on api_key
    for each row execute function refuse_delete_of_named_tenant_row();
create trigger operator_never_truncated before truncate on operator
    for each statement execute function refuse_delete_of_named_row();
create trigger api_key_never_truncated before truncate on api_key
    for each statement execute function refuse_delete_of_named_row();

-- A sign-in failure lives on the node that issued its operator's id (sharding/OperatorNodeAlgorithm),
-- which after a move is no longer the operator's node: the key to the operator would refuse the old
-- copy's delete and every later failure there. Operators are never deleted otherwise, so the key
-- guarded nothing else.
alter table sign_in_failure drop constraint sign_in_failure_operator_id_fkey;
