-- op02's count and sums, kept per group of cards (level, issuing shop, class, status) rather than per
-- tenant: a list filtered on any of those four then adds up a few kept rows instead of every
-- matching card (~10,000 for one level at one shop of a million members). The mechanism is V1's:
-- writers append deltas, a job folds them, readers add both in one snapshot.

drop trigger card_member_totals on card;
drop function record_member_totals_delta();
drop table member_totals_delta;
drop table member_totals;

create table member_totals (
    tenant_id        bigint         not null references tenant (id),
    member_level_id  bigint         not null,
    shop_id          bigint         not null,  -- 0: cards without an issuing shop
    class_id         bigint         not null,
    status           smallint       not null,
    members          bigint         not null default 0,
    actual_recharge  numeric(18, 2) not null default 0,
    give_recharge    numeric(18, 2) not null default 0,
    actual_expense   numeric(18, 2) not null default 0,
    give_expense     numeric(18, 2) not null default 0,
    actual_balance   numeric(18, 2) not null default 0,
    give_balance     numeric(18, 2) not null default 0,
    total_points     bigint         not null default 0,
    actual_points    bigint         not null default 0,
    used_points      bigint         not null default 0,
    primary key (tenant_id, member_level_id, shop_id, class_id, status)
);

create table member_totals_delta (
    tenant_id        bigint         not null,
    id               bigint         generated always as identity,
    member_level_id  bigint         not null,
    shop_id          bigint         not null,
    class_id         bigint         not null,
    status           smallint       not null,
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
    if not was_current and not is_current then
        return null;
    end if;
    if was_current and is_current
       and (new.member_level_id, new.shop_id, new.class_id, new.status, new.actual_recharge, new.give_recharge,
            new.actual_expense, new.give_expense, new.actual_balance, new.give_balance, new.total_points,
            new.actual_points, new.used_points)
           is not distinct from
           (old.member_level_id, old.shop_id, old.class_id, old.status, old.actual_recharge, old.give_recharge,
            old.actual_expense, old.give_expense, old.actual_balance, old.give_balance, old.total_points,
            old.actual_points, old.used_points) then
        return null;
    end if;
    -- the old row taken out of its group, the new one added to its own: one row with the difference
    -- when the group stays (a payment), two when the card moves (a new level, a loss, a replacement)
    insert into member_totals_delta (tenant_id, member_level_id, shop_id, class_id, status, members,
                                     actual_recharge, give_recharge, actual_expense, give_expense,
                                     actual_balance, give_balance, total_points, actual_points, used_points)
    select (c).tenant_id, (c).member_level_id, coalesce((c).shop_id, 0), (c).class_id, (c).status, sum(sign),
           sum(sign * (c).actual_recharge), sum(sign * (c).give_recharge), sum(sign * (c).actual_expense),
           sum(sign * (c).give_expense), sum(sign * (c).actual_balance), sum(sign * (c).give_balance),
           sum(sign * (c).total_points), sum(sign * (c).actual_points), sum(sign * (c).used_points)
    from (select old::card as c, -1 as sign where was_current
          union all
          select new::card, 1 where is_current) as change
    group by 1, 2, 3, 4, 5;
    return null;
end $$;

create trigger card_member_totals after insert or update on card
    for each row execute function record_member_totals_delta();

insert into member_totals (tenant_id, member_level_id, shop_id, class_id, status, members, actual_recharge,
                           give_recharge, actual_expense, give_expense, actual_balance, give_balance,
                           total_points, actual_points, used_points)
select tenant_id, member_level_id, coalesce(shop_id, 0), class_id, status, count(*), sum(actual_recharge),
       sum(give_recharge), sum(actual_expense), sum(give_expense), sum(actual_balance), sum(give_balance),
       sum(total_points), sum(actual_points), sum(used_points)
from card
where replaced_by_card_id is null
group by tenant_id, member_level_id, coalesce(shop_id, 0), class_id, status;
