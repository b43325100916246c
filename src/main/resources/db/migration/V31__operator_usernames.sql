-- Usernames are unique across the whole service: sign-in finds an operator by username alone. A
-- unique index holds that on one database; in the sharded mode (README "Sharded mode") each node has
-- its own index, and two tenants on different nodes could take one username, after which neither
-- could sign in. This table holds every username once (lowercased, as the index compares them), and
-- in the sharded mode it lives on node 0 only, so the key decides for all nodes. An operator's
-- username is taken here first, in the transaction that inserts the operator. Insert-only, like the
-- operators themselves (never deleted, usernames never changed).
create table operator_username (
    username   varchar(64) primary key,
    tenant_id  bigint,
    taken_at   timestamptz not null default now()
);
insert into operator_username (username, tenant_id) select lower(username), tenant_id from operator;
