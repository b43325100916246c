-- Wrong card secrets presented without a card code (op07, op08, op22 find a card by its secret
-- alone, and op19/op35 refuse a secret another card has): no card can count them, so they count
-- against the credential that sent them (issue 10). One row per credential and tenant, restarted
-- when its first miss is older than the window; card/SecretGuessing decides from it.
create table card_secret_miss (
    tenant_id      bigint       not null references tenant (id),
    credential     varchar(40)  not null,           -- 'key:<api key id>' or 'operator:<operator id>'
    first_miss_at  timestamptz  not null,
    misses         int          not null,
    retry_at       timestamptz,                     -- no lookup by secret alone before then
    primary key (tenant_id, credential)
);
