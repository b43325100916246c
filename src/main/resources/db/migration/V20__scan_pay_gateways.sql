-- Scan pay's real gateways (module scanpay, issue 13): a tenant's WeChat Pay and Alipay merchant
-- settings, entered by its administrators through the API. A tenant without an enabled row pays
-- through the sandbox. The secrets (WeChat's merchant API key and API certificate, the Alipay
-- application's private key) are sealed with AES-GCM under the server's gateway key, whose version
-- is kept beside them; nothing here can be read back into a secret without that key. A row is never
-- deleted, only disabled: attempts made through a gateway are followed up through it (the janitor,
-- refunds), so its credentials stay.
create table scan_pay_gateway (
    tenant_id          bigint       not null references tenant (id),
    gateway            varchar(16)  not null check (gateway in ('WECHAT', 'ALIPAY')),
    enabled            boolean      not null,
    -- WeChat's appid / Alipay's app_id
    app_id             varchar(32)  not null,
    -- WeChat's mch_id (Alipay: none)
    merchant_id        varchar(32),
    -- WeChat: MD5 or HMAC-SHA256; Alipay: RSA2
    sign_type          varchar(16)  not null,
    gateway_url        varchar(255) not null,
    -- Alipay's public key, that its answers are verified with: public, not sealed
    public_key         text,
    key_version        int          not null,
    secret_sealed      bytea        not null,
    certificate_sealed bytea,
    -- moves at every change: a gateway client built from an older revision is built again
    revision           bigint       not null default 1,
    updated_at         timestamptz  not null default now(),
    updated_by         bigint,
    primary key (tenant_id, gateway)
);
