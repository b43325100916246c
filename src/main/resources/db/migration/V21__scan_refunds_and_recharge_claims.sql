-- Scan refunds (op26) and online balance refunds (op27), module scanpay.
--
-- An op27 refund is a part of a card's balance refund sent back through the gateway of the scan
-- payment that paid the recharge: an attempt of its own kind (BALANCE_REFUND, its order_code the
-- number of the balance refund bill of that part), so that a refusal can put the part back on the
-- card and an op26 refund of the same payment is told apart.
alter table scan_payment alter column kind type varchar(16);
alter table scan_payment drop constraint scan_payment_kind_check;
alter table scan_payment add constraint scan_payment_kind_check check (kind in ('PAY', 'REFUND', 'BALANCE_REFUND'));

-- A scan payment that paid (a part of) a recharge (op29's detail naming its orderCode): its money
-- is then on the card, so it is refunded along the card (op27), never by op26. One claim per
-- payment and per payment record; insert-only like the attempts.
create table scan_payment_claim (
    tenant_id          bigint      not null references tenant (id),
    paid_attempt_id    bigint      not null,
    payment_record_id  bigint      not null,
    created_at         timestamptz not null default now(),
    primary key (tenant_id, paid_attempt_id),
    unique (tenant_id, payment_record_id),
    foreign key (tenant_id, paid_attempt_id) references scan_payment (tenant_id, id),
    foreign key (tenant_id, payment_record_id) references payment_record (tenant_id, id)
);

create trigger scan_payment_claim_insert_only before update or delete on scan_payment_claim
    for each row execute function refuse_ledger_change();

-- A part of an op27 refund that the gateway refused goes back on the card, and the money it had
-- sent along its payment record comes back to that record: a negative payment_refund row of the
-- bill that returns it (the tables stay insert-only; refundable = money - sum(refunds) as before).
alter table payment_refund drop constraint payment_refund_money_check;
alter table payment_refund add constraint payment_refund_money_check check (money <> 0);
