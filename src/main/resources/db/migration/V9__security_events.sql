-- The security event log (issue 10, item 7): sign-ins and their failures, locks, changes of keys,
-- roles and passwords, exports, imports, migrations, and the platform administrator's reads of a
-- tenant's data. Written by the audit module alone, from the SecurityEvent records that the other
-- modules publish; read by a tenant's administrators (their tenant's rows) and by the platform
-- administrator (the platform's rows, tenant_id null).
--
-- No foreign keys, on purpose. A log keeps what was attempted even when the row it names never
-- committed (an operator whose creation rolled back), names platform operators (no tenant) on a
-- tenant's rows (a cross-tenant read), and must never make a request wait on, or fail over, a
-- reference. The ids are what they were when it happened.
--
-- rolled_back: the event was published inside a transaction that then rolled back. The event is
-- kept (a refused request is exactly what the log is for) and says so, rather than claiming a
-- change that did not happen or losing the attempt.
create table security_event (
    id              bigint        generated always as identity primary key,
    tenant_id       bigint,                          -- null: the platform's
    kind            varchar(40)   not null,
    operator_id     bigint,
    api_key_id      bigint,
    subject         varchar(200),
    client_address  varchar(64),
    detail          varchar(500),
    rolled_back     boolean       not null default false,
    created_at      timestamptz   not null default now()
);
create index security_event_tenant_time_idx on security_event (tenant_id, created_at desc, id desc);

-- Insert-only, like the ledger: no UPDATE, no DELETE, no TRUNCATE, whoever asks.
create function refuse_security_event_change() returns trigger language plpgsql as $$
begin
    raise exception 'security_event is insert-only' using errcode = 'P0001';
end $$;

create trigger security_event_insert_only before update or delete on security_event
    for each row execute function refuse_security_event_change();
create trigger security_event_no_truncate before truncate on security_event
    for each statement execute function refuse_security_event_change();
