-- The sandbox gateway's own books (module scanpay). The sandbox stands for a payment channel
-- outside the service, so what it charged must outlive the service's restarts, as a real channel's
-- does: the bank workload kills the service mid-payment and then holds every charge at the
-- "gateway" against the service's records. One merchant account for every tenant, like the
-- sandbox itself: rows are keyed by our gateway order numbers (which name the tenant), and the
-- sandbox's rows are updated in place (they are the channel's state, not our ledger). The payment
-- code is never kept, only its last two digits, the sandbox's rule.
create table sandbox_order (
    order_no        varchar(32)    primary key,
    rule            char(2)        not null,
    money           numeric(14, 2) not null,
    day             date           not null,
    transaction_id  varchar(64)    not null,
    status          varchar(16)    not null,
    queries         int            not null default 0,
    reverses        int            not null default 0
);

create table sandbox_refund (
    order_no   varchar(32)    not null references sandbox_order (order_no),
    refund_no  varchar(32)    not null,
    money      numeric(14, 2) not null,
    day        date           not null,
    status     varchar(16)    not null,
    primary key (order_no, refund_no)
);
