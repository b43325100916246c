-- Scan pay (module scanpay). scan_payment was laid out in V1 with one row per order; it becomes one
-- row per call to a gateway (an attempt): after a refused payment the till may try the same order
-- again with another payment code, which is a new order at the gateway with its own number, and an
-- order may be refunded in several parts, each with its own refund number. Both tables stay
-- insert-only: an attempt's state is its latest outcome (none yet: pending). No code wrote them
-- before this version, so they are empty.
alter table scan_payment drop constraint scan_payment_tenant_id_kind_order_code_key;

alter table scan_payment
    -- which gateway the attempt went to (SANDBOX, WECHAT, ALIPAY): follow-ups go to the same one
    add column gateway          varchar(16) not null default 'SANDBOX',
    -- our number at the gateway: out_trade_no of a payment, out_refund_no / out_request_no of a refund
    add column gateway_order_no varchar(32) not null,
    -- a refund: the payment attempt it gives money back from
    add column paid_attempt_id  bigint,
    add constraint scan_payment_gateway_order_no_key unique (tenant_id, gateway_order_no),
    add constraint scan_payment_paid_attempt_fkey
        foreign key (tenant_id, paid_attempt_id) references scan_payment (tenant_id, id);

create index scan_payment_order on scan_payment (tenant_id, kind, order_code);

alter table scan_payment_outcome
    add column message       varchar(128),
    -- an unknown outcome: when the janitor asks the gateway again (backoff)
    add column next_check_at timestamptz,
    add constraint scan_payment_outcome_status_check check (status in (701, 702, 703, 704, 1003));

create index scan_payment_outcome_attempt on scan_payment_outcome (tenant_id, scan_payment_id, id);
