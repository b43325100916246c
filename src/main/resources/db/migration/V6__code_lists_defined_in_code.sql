-- Defaults that the code defines once, no longer repeated here (issue 9, "one rule in one place"):
-- * tenant_setting.recharge_payment_types: TenantSettings.DEFAULT_RECHARGE_TYPES is what a tenant
--   without a row reads, and TenantSettings writes the types with every new row, so the schema's
--   copy ('{1,3,4,6,7,10}') could only drift from it;
-- * card.send_mode: a card is always opened with its send mode (CardSendMode.DEFAULT when a request
--   names none), so the schema's default 1 was a second statement of that default.
-- The columns stay not null: a writer that forgets them fails instead of getting a stale default.
-- The check constraints on card.status and card.send_mode stay as the database's guard; a test
-- (CodeListsInSchemaTest) fails when they and the enums CardStatus and CardSendMode disagree.
alter table tenant_setting alter column recharge_payment_types drop default;
alter table card alter column send_mode drop default;
