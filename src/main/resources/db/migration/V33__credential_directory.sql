-- Two things the sharded mode (README "Sharded mode") needs from one place, node 0, where
-- ShardingSphere routes both tables as single tables; in single-node mode they are one more table
-- each on the one database, read and written by the same SQL.
--
-- 1. The credential directory. A request names only its bearer secret, whose hash is all there is to
--    find the tenant by; each node has only its own tenants' api_key and login_token rows, so a lookup
--    by hash alone asks every node. This table maps every key's and token's hash to its tenant (null:
--    a platform administrator's token), written in the transaction that inserts the key or token, and
--    the lookup then names the tenant. Insert-only: a hash's tenant never changes, so a service
--    instance may cache it; revocation and expiry stay on the key's or token's own row, read there.
--    The hash is the SHA-256 of the whole secret, whose prefix (mk_, lt_) tells a key from a token.
--
--    Existing keys and tokens are entered below. In the sharded mode each node's migration sees only
--    that node's rows, and only node 0's copy of this table is read: the start-up gathers the other
--    nodes' copies into node 0's (ShardedDataSourceConfiguration), and operator_username's (V31) too.
create table credential_directory (
    secret_hash  char(64) primary key,
    tenant_id    bigint
);
insert into credential_directory (secret_hash, tenant_id)
select key_hash, tenant_id from api_key
union all
select token_hash, tenant_id from login_token;

-- 2. Tenant ids drawn once. Every node holds every tenant (a broadcast table); each node drew the id
--    of a new tenant from its own sequence, and an insert that failed on one node left that node's
--    sequence out of step, so the next tenant would get different ids on different nodes. Now a
--    tenant's id is drawn from this table's identity, which only node 0's copy issues in the sharded
--    mode, and inserted explicitly on every node: tenant.id has no sequence of its own any more. One
--    row per tenant id ever drawn (a creation rolled back leaves a gap, never a reuse).
create table tenant_id_draw (
    id        bigint      generated always as identity primary key,
    drawn_at  timestamptz not null default now()
);
-- after every id issued so far: the tenants' and what the sequence gave out (a failed creation's;
-- the sharded start-up brought every node's to the highest of all nodes)
select setval(pg_get_serial_sequence('tenant_id_draw', 'id'), last, true)
  from (select greatest(coalesce((select max(id) from tenant), 0),
                        coalesce(pg_sequence_last_value(pg_get_serial_sequence('tenant', 'id')::regclass), 0)) as last) l
 where last > 0;
alter table tenant alter column id drop identity;
