-- op38 / op40 (issue 14): import_job, laid out in V1 and unused until now, becomes a resumable job
-- row: what it imports, for whom, how far its last committed chunk got (last_row), and its counts.
-- The rejected rows and the secrets the server drew are rows of their own, written in the chunk's
-- transaction, so a job resumed after a crash neither loses nor repeats them.
alter table import_job
    add column kind             varchar(10)  not null default 'IMPORT',
    add column file_path        varchar(1000),
    add column source_tenant_id bigint,
    add column shop_id          bigint,
    add column operator_id      bigint,
    add column api_key_id       bigint,
    add column card_class_id    bigint,
    add column member_level_id  bigint,
    add column rows_read        int          not null default 0,
    add column rows_failed      int          not null default 0,
    add column last_row         int          not null default 0,
    add column failure_key      varchar(100),
    add column failure_arg      varchar(200),
    add column secrets_key      bytea,
    add column updated_at       timestamptz  not null default now();

alter table import_job add constraint import_job_status_check
    check (status in ('QUEUED', 'RUNNING', 'DONE', 'FAILED'));
alter table import_job add constraint import_job_kind_check check (kind in ('IMPORT', 'MIGRATION'));

create index import_job_unfinished on import_job (status) where status in ('QUEUED', 'RUNNING');

-- one rejected (or duplicate) row of a job: the error report, as JSON and as .xlsx
create table import_job_error (
    tenant_id   bigint       not null,
    job_id      bigint       not null,
    row_no      int          not null,
    column_name varchar(50),
    value       varchar(200),
    reason_zh   varchar(300) not null,
    reason_en   varchar(300) not null,
    duplicate   boolean      not null default false,
    foreign key (tenant_id, job_id) references import_job (tenant_id, id)
);
create index import_job_error_job on import_job_error (tenant_id, job_id, row_no);

-- a card secret the server drew for a row without one, sealed (RSA-OAEP) with the job's public key:
-- the private key went to the administrator in op38's answer and is kept nowhere here, so the
-- database never holds a secret in clear (GET /api/v1/import-jobs/{id}/drawn-secrets opens them)
create table import_job_secret (
    tenant_id bigint       not null,
    job_id    bigint       not null,
    row_no    int          not null,
    card_code varchar(32)  not null,
    sealed    bytea        not null,
    foreign key (tenant_id, job_id) references import_job (tenant_id, id)
);
create index import_job_secret_job on import_job_secret (tenant_id, job_id);
