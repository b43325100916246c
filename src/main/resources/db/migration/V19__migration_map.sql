-- op40 (issue 14): which member of which source tenant a migration copied into which member of the
-- target tenant (tenant_id), so that running it again copies nobody twice; and how far a migration
-- job got in its source, by member id (last_row counts rows of a file, too small for ids).
create table migration_map (
    tenant_id        bigint      not null references tenant (id),
    source_tenant_id bigint      not null references tenant (id),
    source_member_id bigint      not null,
    target_member_id bigint      not null,
    job_id           bigint      not null,
    migrated_at      timestamptz not null default now(),
    primary key (tenant_id, source_tenant_id, source_member_id),
    foreign key (tenant_id, target_member_id) references member (tenant_id, id),
    foreign key (tenant_id, job_id) references import_job (tenant_id, id)
);

alter table import_job add column last_source_member_id bigint not null default 0;
