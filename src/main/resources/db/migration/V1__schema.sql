-- The whole domain of DOMAIN.md, laid out at once so that later features fill tables in rather than
-- reshaping them. Rules that hold for every table below:
--  * every tenant-owned table carries tenant_id, its primary key starts with it, and every foreign
--    key between tenant-owned rows includes it, so a row can never point into another tenant;
--  * money is numeric(14,2) (yuan, exactly two decimals), points are bigint;
--  * ledger tables (bill, ledger_entry, payment_record, payment_refund, points_lot, points_lot_use,
--    serial_record, scan_payment, scan_payment_outcome) are insert-only: the trigger at the end of
--    this file refuses UPDATE and DELETE on them.

-- Trigram indexes make phone substrings searchable. Names use bigrams (below) instead: a 2-character
-- Chinese fragment such as 张伟 holds no full trigram, so a trigram index could not serve it.
create extension if not exists pg_trgm;

create table tenant (
    id                      bigint generated always as identity primary key,
    name                    varchar(100) not null,
    time_zone               varchar(50)  not null default 'Asia/Shanghai',
    created_at              timestamptz  not null default now()
);

create table shop (
    tenant_id     bigint       not null references tenant (id),
    id            bigint       generated always as identity,
    name          varchar(100) not null,
    code          varchar(32),
    address       varchar(200),
    -- the business day that new bills of this shop fall on; day-end moves it forward
    business_date date         not null default current_date,
    created_at    timestamptz  not null default now(),
    primary key (tenant_id, id),
    unique (tenant_id, code)
);

-- Operators sign in to the console and name the cashier on every bill. A platform administrator
-- is above all tenants: theirs is the only row of any table with a null tenant_id.
create table operator (
    tenant_id       bigint       references tenant (id),
    id              bigint       generated always as identity,
    username        varchar(64)  not null,
    password_hash   varchar(100) not null,
    name            varchar(100),
    role            varchar(20)  not null check (role in ('PLATFORM_ADMIN', 'TENANT_ADMIN', 'CASHIER', 'AUDITOR')),
    shop_id         bigint,
    active          boolean      not null default true,
    failed_logins   int          not null default 0,
    locked_until    timestamptz,
    created_at      timestamptz  not null default now(),
    check ((role = 'PLATFORM_ADMIN') = (tenant_id is null)),
    unique (tenant_id, id),
    foreign key (tenant_id, shop_id) references shop (tenant_id, id)
);
create unique index operator_id_key on operator (id);
create unique index operator_username_key on operator (lower(username));

create table api_key (
    tenant_id   bigint       not null references tenant (id),
    id          bigint       generated always as identity,
    name        varchar(100) not null,
    role        varchar(20)  not null check (role in ('TENANT_ADMIN', 'CASHIER', 'AUDITOR')),
    shop_id     bigint,
    key_hash    char(64)     not null unique,  -- SHA-256 of the key: keys are random, 256 bits
    key_prefix  varchar(16)  not null,         -- shown in lists so a key can be recognised
    created_at  timestamptz  not null default now(),
    revoked_at  timestamptz,
    primary key (tenant_id, id),
    foreign key (tenant_id, shop_id) references shop (tenant_id, id)
);

create table login_token (
    tenant_id    bigint,
    id           bigint      generated always as identity primary key,
    operator_id  bigint      not null references operator (id),
    token_hash   char(64)    not null unique,
    expires_at   timestamptz not null,
    revoked_at   timestamptz,
    created_at   timestamptz not null default now(),
    foreign key (tenant_id, operator_id) references operator (tenant_id, id)
);

-- ---------------------------------------------------------------- catalogue

-- op15/op16: what a POS reads at start-up. A tenant without a row has the defaults.
create table tenant_setting (
    tenant_id               bigint     primary key references tenant (id),
    scan_pay_enabled        boolean    not null default false,
    -- payment types a till may use for a recharge (2 = member card is never allowed)
    recharge_payment_types  smallint[] not null default '{1,3,4,6,7,10}'
);

create table card_class (
    tenant_id          bigint       not null references tenant (id),
    id                 bigint       generated always as identity,
    name               varchar(50)  not null,
    card_type          smallint     not null,
    can_recharge       boolean      not null,
    can_member_price   boolean      not null,
    can_discount       boolean      not null,
    can_point          boolean      not null,
    points_basic       int          not null check (points_basic >= 0),
    points_to_one      int          not null check (points_to_one >= 0),
    points_valid_days  int          not null check (points_valid_days >= 0),
    deduct_order       varchar(12)  not null default 'PROPORTIONAL'
                       check (deduct_order in ('PROPORTIONAL', 'REAL_FIRST', 'GIFT_FIRST')),
    primary key (tenant_id, id)
);

create table member_level (
    tenant_id   bigint        not null references tenant (id),
    id          bigint        generated always as identity,
    name        varchar(50)   not null,
    level       int           not null,
    discount    numeric(4, 3) not null check (discount > 0 and discount <= 1),
    image_path  varchar(500),
    primary key (tenant_id, id)
);

create table member_tag (
    tenant_id  bigint      not null references tenant (id),
    id         bigint      generated always as identity,
    name       varchar(50) not null,
    primary key (tenant_id, id),
    unique (tenant_id, name)
);

create table gift (
    tenant_id   bigint         not null references tenant (id),
    id          bigint         generated always as identity,
    name        varchar(100)   not null,
    points      bigint         not null check (points > 0),
    price       numeric(14, 2) not null check (price >= 0),
    image_path  varchar(500),
    in_use      boolean        not null default true,
    stock       int            check (stock >= 0),  -- null = unlimited
    primary key (tenant_id, id)
);

create table recharge_plan (
    tenant_id         bigint         not null references tenant (id),
    id                bigint         generated always as identity,
    name              varchar(100)   not null,
    money             numeric(14, 2) not null check (money > 0),
    pay_money         numeric(14, 2) not null check (pay_money > 0),
    give_money        numeric(14, 2) not null check (give_money >= 0),
    -- the plan's window in the tenant's own time zone (wall-clock times, as a manager sets them)
    start_time        timestamp,
    end_time          timestamp,
    money_modifiable  boolean        not null default false,
    remark            varchar(200),
    in_use            boolean        not null default true,
    check (money = pay_money + give_money),
    check (start_time is null or end_time is null or start_time <= end_time),
    primary key (tenant_id, id)
);

-- ---------------------------------------------------------------- members and cards

-- The distinct lower-cased 2-character pieces of a text: '张伟明' -> {张伟, 伟明}. A name contains a
-- fragment of 2 or more characters only if its bigrams contain all of the fragment's bigrams, so a
-- GIN index over them finds candidate rows for any such fragment, CJK or Latin alike.
create function text_bigrams(value text) returns text[]
    language sql immutable strict parallel safe
    as $$
        select coalesce(array_agg(distinct substr(lower(value), i, 2)), '{}')
        from generate_series(1, char_length(value) - 1) as i
    $$;

-- member numbers generated when a new member brings none: M00000001, M00000002, …
create sequence member_code_seq;

create table member (
    tenant_id     bigint        not null references tenant (id),
    id            bigint        generated always as identity,
    code          varchar(32)   not null,  -- member number, generated when absent
    name          varchar(50)   not null,
    name_bigrams  text[]        generated always as (text_bigrams(name)) stored,
    sex           smallint      not null default 0 check (sex in (0, 1, 2)),
    birthday      date,
    phone         varchar(20),
    id_card       varchar(32),
    address       varchar(200),
    level_id      bigint        not null,
    active        boolean       not null default true,
    created_at    timestamptz   not null default now(),
    updated_at    timestamptz   not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, level_id) references member_level (tenant_id, id)
);
-- text_pattern_ops: these serve both equality and prefix (LIKE 'abc%') whatever the database collation
create unique index member_code_key on member (tenant_id, code text_pattern_ops);
create unique index member_active_phone_key on member (tenant_id, phone) where active and phone is not null;
create index member_phone_trgm_idx on member using gin (phone gin_trgm_ops);
create index member_name_bigrams_idx on member using gin (name_bigrams);
create index member_level_idx on member (tenant_id, level_id, id);

create table member_tag_link (
    tenant_id  bigint not null,
    member_id  bigint not null,
    tag_id     bigint not null,
    primary key (tenant_id, member_id, tag_id),
    foreign key (tenant_id, member_id) references member (tenant_id, id),
    foreign key (tenant_id, tag_id) references member_tag (tenant_id, id)
);

-- A card row's identity and state belong to the card module; its money and points fields are a
-- cache of its ledger entries (see ledger_entry), written only by the ledger module. Both take the
-- row lock (select … for update) before writing.
create table card (
    tenant_id             bigint         not null references tenant (id),
    id                    bigint         generated always as identity,
    member_id             bigint         not null,
    code                  varchar(32)    not null,
    mac_hash              bytea,                   -- HMAC-SHA256 of the secret with the server key
    mac_last4             varchar(4),
    pin_hash              varchar(100),            -- slow hash; null = no PIN
    class_id              bigint         not null,
    -- a copy of the member's level, so that every filter of the member lists (level, shop, status,
    -- class, opening date) lies on this one table and their indexes combine; kept by op20 and op35
    member_level_id       bigint         not null,
    status                smallint       not null default 1 check (status in (1, 2, 3, 4)),
    send_mode             smallint       not null default 1 check (send_mode in (1, 2, 3, 4)),
    shop_id               bigint,
    effective_time        timestamptz    not null default now(),
    replaced_by_card_id   bigint,                  -- set when op35 moved this card's value on
    total_recharge        numeric(14, 2) not null default 0,
    actual_recharge       numeric(14, 2) not null default 0,
    give_recharge         numeric(14, 2) not null default 0,
    total_expense         numeric(14, 2) not null default 0,
    actual_expense        numeric(14, 2) not null default 0,
    give_expense          numeric(14, 2) not null default 0,
    balance               numeric(14, 2) not null default 0,
    actual_balance        numeric(14, 2) not null default 0 check (actual_balance >= 0),
    give_balance          numeric(14, 2) not null default 0 check (give_balance >= 0),
    total_points          bigint         not null default 0,
    actual_points         bigint         not null default 0 check (actual_points >= 0),
    used_points           bigint         not null default 0,
    points_disabled_date  timestamptz,
    failed_secret_attempts int           not null default 0,
    first_failed_at       timestamptz,
    locked_until          timestamptz,
    created_at            timestamptz    not null default now(),
    check (balance = actual_balance + give_balance),
    check (total_recharge = actual_recharge + give_recharge),
    check (total_expense = actual_expense + give_expense),
    primary key (tenant_id, id),
    foreign key (tenant_id, member_id) references member (tenant_id, id),
    foreign key (tenant_id, class_id) references card_class (tenant_id, id),
    foreign key (tenant_id, member_level_id) references member_level (tenant_id, id),
    foreign key (tenant_id, shop_id) references shop (tenant_id, id),
    -- deferred: op35 marks the old card replaced by the new one before inserting it, since a member
    -- has one current card at any moment (card_current_key)
    foreign key (tenant_id, replaced_by_card_id) references card (tenant_id, id) deferrable initially deferred
)
-- room on each page for the new version of a row: a payment changes no indexed column, so its
-- update can stay on the page (HOT) and skip every index
with (fillfactor = 80);
create unique index card_code_key on card (tenant_id, code text_pattern_ops);
-- secrets are unique in a tenant: a card is found by its secret alone (op07, op22)
create unique index card_mac_hash_key on card (tenant_id, mac_hash) where mac_hash is not null;
-- a member's current card: the one no replacement has moved on from
create unique index card_current_key on card (tenant_id, member_id) where replaced_by_card_id is null;
create index card_member_idx on card (tenant_id, member_id);
-- level and shop: the filters a manager combines most; member_id serves the page order
create index card_level_shop_idx on card (tenant_id, member_level_id, shop_id, member_id)
    where replaced_by_card_id is null;
create index card_shop_idx on card (tenant_id, shop_id);
create index card_status_idx on card (tenant_id, status);
create index card_class_idx on card (tenant_id, class_id);
create index card_effective_idx on card (tenant_id, effective_time);

-- Card state changes (op33 lost, op34 found, op36 void, op30 returned, op35 replaced): who, where, when.
create table card_event (
    tenant_id    bigint       not null,
    id           bigint       generated always as identity,
    card_id      bigint       not null,
    kind         varchar(20)  not null,
    from_status  smallint     not null,
    to_status    smallint     not null,
    operator_id  bigint,
    api_key_id   bigint,
    shop_id      bigint,
    serial       varchar(64),
    remark       varchar(200),
    created_at   timestamptz  not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, card_id) references card (tenant_id, id),
    foreign key (tenant_id, operator_id) references operator (tenant_id, id),
    foreign key (tenant_id, api_key_id) references api_key (tenant_id, id),
    foreign key (tenant_id, shop_id) references shop (tenant_id, id)
);
create index card_event_card_idx on card_event (tenant_id, card_id, id);

-- Totals over all of a tenant's members (the unfiltered sumData of op02), kept without a hot row:
-- every change of a current card appends its difference to member_totals_delta (no two writers
-- touch the same row, so cards never wait on each other), a job folds the deltas into
-- member_totals every few seconds, and a reader adds the two, which is exact in its snapshot.
create table member_totals (
    tenant_id        bigint         primary key references tenant (id),
    members          bigint         not null default 0,
    actual_recharge  numeric(18, 2) not null default 0,
    give_recharge    numeric(18, 2) not null default 0,
    actual_expense   numeric(18, 2) not null default 0,
    give_expense     numeric(18, 2) not null default 0,
    actual_balance   numeric(18, 2) not null default 0,
    give_balance     numeric(18, 2) not null default 0,
    total_points     bigint         not null default 0,
    actual_points    bigint         not null default 0,
    used_points      bigint         not null default 0
);

create table member_totals_delta (
    tenant_id        bigint         not null,
    id               bigint         generated always as identity,
    members          int            not null,
    actual_recharge  numeric(14, 2) not null,
    give_recharge    numeric(14, 2) not null,
    actual_expense   numeric(14, 2) not null,
    give_expense     numeric(14, 2) not null,
    actual_balance   numeric(14, 2) not null,
    give_balance     numeric(14, 2) not null,
    total_points     bigint         not null,
    actual_points    bigint         not null,
    used_points      bigint         not null,
    primary key (tenant_id, id)
);

create function record_member_totals_delta() returns trigger language plpgsql as $$
declare
    was_current boolean := tg_op = 'UPDATE' and old.replaced_by_card_id is null;
    is_current  boolean := new.replaced_by_card_id is null;
begin
    if tg_op = 'UPDATE' and not was_current and not is_current then
        return null;
    end if;
    if tg_op = 'UPDATE' and was_current and is_current
       and (new.actual_recharge, new.give_recharge, new.actual_expense, new.give_expense, new.actual_balance,
            new.give_balance, new.total_points, new.actual_points, new.used_points)
           is not distinct from
           (old.actual_recharge, old.give_recharge, old.actual_expense, old.give_expense, old.actual_balance,
            old.give_balance, old.total_points, old.actual_points, old.used_points) then
        return null;
    end if;
    insert into member_totals_delta (tenant_id, members, actual_recharge, give_recharge, actual_expense,
                                     give_expense, actual_balance, give_balance, total_points, actual_points,
                                     used_points)
    select new.tenant_id,
           (case when is_current then 1 else 0 end) - (case when was_current then 1 else 0 end),
           (case when is_current then new.actual_recharge else 0 end) - (case when was_current then old.actual_recharge else 0 end),
           (case when is_current then new.give_recharge else 0 end) - (case when was_current then old.give_recharge else 0 end),
           (case when is_current then new.actual_expense else 0 end) - (case when was_current then old.actual_expense else 0 end),
           (case when is_current then new.give_expense else 0 end) - (case when was_current then old.give_expense else 0 end),
           (case when is_current then new.actual_balance else 0 end) - (case when was_current then old.actual_balance else 0 end),
           (case when is_current then new.give_balance else 0 end) - (case when was_current then old.give_balance else 0 end),
           (case when is_current then new.total_points else 0 end) - (case when was_current then old.total_points else 0 end),
           (case when is_current then new.actual_points else 0 end) - (case when was_current then old.actual_points else 0 end),
           (case when is_current then new.used_points else 0 end) - (case when was_current then old.used_points else 0 end);
    return null;
end $$;

create trigger card_member_totals after insert or update on card
    for each row execute function record_member_totals_delta();

-- ---------------------------------------------------------------- ledger (insert-only)

-- bill numbers: a kind prefix, the business day, and this sequence: CZ2026011500000123
create sequence bill_no_seq;

-- A bill is one business event on one card: a recharge, a card payment, a refund, a transfer, a
-- state change. Its serial (timestamp / code / orderCode of the request) is kept in serial_record.
create table bill (
    tenant_id      bigint         not null references tenant (id),
    id             bigint         generated always as identity,
    bill_no        varchar(40)    not null,
    kind           varchar(30)    not null,
    card_id        bigint         not null,
    shop_id        bigint,
    operator_id    bigint,
    api_key_id     bigint,
    business_date  date           not null,
    amount         numeric(14, 2) not null default 0,  -- the amount the request named
    payment_type   smallint,                           -- how money left the house (refunds, returns)
    related_bill_id bigint,                            -- the bill a refund or reversal follows
    plan_id        bigint,
    gift_id        bigint,
    order_code     varchar(64),                        -- POS order number (op23/op24)
    remark         varchar(200),
    created_at     timestamptz    not null default now(),
    primary key (tenant_id, id),
    unique (tenant_id, bill_no),
    foreign key (tenant_id, card_id) references card (tenant_id, id),
    foreign key (tenant_id, shop_id) references shop (tenant_id, id),
    foreign key (tenant_id, operator_id) references operator (tenant_id, id),
    foreign key (tenant_id, api_key_id) references api_key (tenant_id, id),
    foreign key (tenant_id, related_bill_id) references bill (tenant_id, id),
    foreign key (tenant_id, plan_id) references recharge_plan (tenant_id, id),
    foreign key (tenant_id, gift_id) references gift (tenant_id, id)
);
create index bill_card_idx on bill (tenant_id, card_id, id);
create index bill_shop_day_idx on bill (tenant_id, shop_id, business_date);
create index bill_order_idx on bill (tenant_id, order_code) where order_code is not null;

-- One change of one card's pots. The card's cache fields equal the sums of its entries.
create table ledger_entry (
    tenant_id       bigint         not null,
    id              bigint         generated always as identity,
    bill_id         bigint         not null,
    card_id         bigint         not null,
    kind            varchar(30)    not null,
    real_delta      numeric(14, 2) not null default 0,
    gift_delta      numeric(14, 2) not null default 0,
    points_delta    bigint         not null default 0,
    -- counts toward totalRecharge/totalExpense/totalPoints/usedPoints (a refund is negative)
    recharge_real   numeric(14, 2) not null default 0,
    recharge_gift   numeric(14, 2) not null default 0,
    expense_real    numeric(14, 2) not null default 0,
    expense_gift    numeric(14, 2) not null default 0,
    points_earned   bigint         not null default 0,
    points_used     bigint         not null default 0,
    points_shortfall bigint        not null default 0,  -- points a reversal could not take back
    real_after      numeric(14, 2) not null,
    gift_after      numeric(14, 2) not null,
    points_after    bigint         not null,
    created_at      timestamptz    not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, bill_id) references bill (tenant_id, id),
    foreign key (tenant_id, card_id) references card (tenant_id, id)
);
create index ledger_entry_card_idx on ledger_entry (tenant_id, card_id, id);

-- How a recharge was paid (its details), so that refunds can follow the money back.
create table payment_record (
    tenant_id     bigint         not null,
    id            bigint         generated always as identity,
    bill_id       bigint         not null,
    card_id       bigint         not null,
    payment_type  smallint       not null check (payment_type between 1 and 10 and payment_type <> 2),
    money         numeric(14, 2) not null check (money > 0),
    created_at    timestamptz    not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, bill_id) references bill (tenant_id, id),
    foreign key (tenant_id, card_id) references card (tenant_id, id)
);
create index payment_record_card_idx on payment_record (tenant_id, card_id, id);

-- Money sent back along a payment record; refundable = record.money - sum(refunds).
create table payment_refund (
    tenant_id          bigint         not null,
    id                 bigint         generated always as identity,
    bill_id            bigint         not null,
    payment_record_id  bigint         not null,
    money              numeric(14, 2) not null check (money > 0),
    created_at         timestamptz    not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, bill_id) references bill (tenant_id, id),
    foreign key (tenant_id, payment_record_id) references payment_record (tenant_id, id)
);
create index payment_refund_record_idx on payment_refund (tenant_id, payment_record_id);

-- Points are kept in lots, one per earning; spending and expiry are recorded as uses of a lot.
create table points_lot (
    tenant_id   bigint      not null,
    id          bigint      generated always as identity,
    bill_id     bigint      not null,
    card_id     bigint      not null,
    points      bigint      not null check (points > 0),
    expires_at  timestamptz,  -- null = never
    created_at  timestamptz not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, bill_id) references bill (tenant_id, id),
    foreign key (tenant_id, card_id) references card (tenant_id, id)
);
create index points_lot_card_idx on points_lot (tenant_id, card_id, expires_at);

create table points_lot_use (
    tenant_id  bigint      not null,
    id         bigint      generated always as identity,
    lot_id     bigint      not null,
    bill_id    bigint      not null,
    reason     varchar(10) not null check (reason in ('SPEND', 'REVERSE', 'EXPIRE', 'TRANSFER', 'FORFEIT')),
    points     bigint      not null check (points > 0),
    created_at timestamptz not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, lot_id) references points_lot (tenant_id, id),
    foreign key (tenant_id, bill_id) references bill (tenant_id, id)
);
create index points_lot_use_lot_idx on points_lot_use (tenant_id, lot_id);

-- The idempotency record of every command: written in the same transaction as its effect.
create table serial_record (
    tenant_id     bigint      not null references tenant (id),
    operation     varchar(40) not null,
    serial        varchar(64) not null,
    request_hash  char(64)    not null,
    response      jsonb,
    bill_id       bigint,
    created_at    timestamptz not null default now(),
    primary key (tenant_id, operation, serial),
    foreign key (tenant_id, bill_id) references bill (tenant_id, id)
);

-- One-time payment codes (op39). Mutable on purpose: used_at is set when the code is spent.
create table pay_code (
    tenant_id   bigint      not null references tenant (id),
    code        char(18)    not null,
    card_id     bigint      not null,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    primary key (tenant_id, code),
    foreign key (tenant_id, card_id) references card (tenant_id, id)
);

-- ---------------------------------------------------------------- scan pay

-- Written (pending) before the gateway is called; its outcomes are appended after.
create table scan_payment (
    tenant_id     bigint         not null references tenant (id),
    id            bigint         generated always as identity,
    kind          varchar(10)    not null check (kind in ('PAY', 'REFUND')),
    order_code    varchar(64)    not null,
    pay_code_last4 varchar(4),
    payment_type  smallint,
    money         numeric(14, 2) not null check (money > 0),
    shop_id       bigint,
    operator_id   bigint,
    business_date date           not null,
    created_at    timestamptz    not null default now(),
    primary key (tenant_id, id),
    unique (tenant_id, kind, order_code),
    foreign key (tenant_id, shop_id) references shop (tenant_id, id),
    foreign key (tenant_id, operator_id) references operator (tenant_id, id)
);

create table scan_payment_outcome (
    tenant_id         bigint      not null,
    id                bigint      generated always as identity,
    scan_payment_id   bigint      not null,
    status            smallint    not null,  -- 701 succeeded, 702 failed, 703 unknown, 704 code expired, 1003 timed out
    gateway_txn       varchar(64),
    created_at        timestamptz not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, scan_payment_id) references scan_payment (tenant_id, id)
);

-- ---------------------------------------------------------------- day-end and import

create table day_end (
    tenant_id      bigint      not null,
    shop_id        bigint      not null,
    business_date  date        not null,
    status         smallint    not null check (status in (902, 903, 904)),
    server_totals  jsonb,
    till_totals    jsonb,
    started_at     timestamptz not null default now(),
    finished_at    timestamptz,
    primary key (tenant_id, shop_id, business_date),
    foreign key (tenant_id, shop_id) references shop (tenant_id, id)
);

create table import_job (
    tenant_id     bigint       not null references tenant (id),
    id            bigint       generated always as identity,
    file_name     varchar(500) not null,
    status        varchar(12)  not null,
    rows_total    int          not null default 0,
    rows_imported int          not null default 0,
    rows_skipped  int          not null default 0,
    report        jsonb,
    created_at    timestamptz  not null default now(),
    finished_at   timestamptz,
    primary key (tenant_id, id)
);

-- ---------------------------------------------------------------- insert-only guard

create function refuse_ledger_change() returns trigger language plpgsql as $$
begin
    raise exception 'ledger table % is insert-only', tg_table_name using errcode = 'P0001';
end $$;

do $$
declare t text;
begin
    foreach t in array array['bill', 'ledger_entry', 'payment_record', 'payment_refund', 'points_lot',
                             'points_lot_use', 'serial_record', 'scan_payment', 'scan_payment_outcome']
    loop
        execute format('create trigger %I_insert_only before update or delete on %I
                        for each row execute function refuse_ledger_change()', t, t);
    end loop;
end $$;
