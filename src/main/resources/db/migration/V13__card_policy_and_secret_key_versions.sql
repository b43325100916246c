-- Issue 10. The version of the server key each card secret's hash was made with, so that the key can
-- be rotated: a hash of an older version is verified with that key and made again with the current
-- one at the card's next correct presentation (card/CardSecrets).
alter table card add column mac_key_version smallint not null default 1;

-- A tenant's card policy (catalog/CardPolicy): the shortest secret a till may choose, and whether a
-- recharge may carry gift money without a plan, up to a cap. Null means the default, which is
-- defined once, in CardPolicy.DEFAULT.
alter table tenant_setting
    add column min_secret_length smallint check (min_secret_length between 6 and 64),
    add column gift_without_plan boolean,
    add column gift_without_plan_cap numeric(14, 2) check (gift_without_plan_cap >= 0);

-- A secret's last 4 characters are kept for display only when it has 12 or more (card/CardSecrets);
-- for the secrets stored so far their length is unknown, and 4 characters may be a third of one or
-- all of it: they show as **** from now on.
update card set mac_last4 = null where mac_last4 is not null;
