-- The sharded mode's directory (module sharding, README "Sharded mode"): the node that holds each
-- tenant's rows. Only node 0's copy is used, read and written directly rather than through
-- ShardingSphere (the directory decides the routing, so it cannot be routed itself); on the other
-- nodes and in single-node mode the table stays empty.
--
-- No foreign key to tenant: a tenant is placed when its first row is routed, which may be inside the
-- very transaction that creates it, before its tenant row is visible to the directory's connection.
create table tenant_placement (
    tenant_id  bigint      primary key,
    node       int         not null check (node >= 0),
    placed_at  timestamptz not null default now()
);
create index tenant_placement_node_idx on tenant_placement (node);
