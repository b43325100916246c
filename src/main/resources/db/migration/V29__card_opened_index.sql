-- Issue 15: the console's dashboard counts the month's new members on every visit, and the new-members
-- report counts cards by the day they were opened (card.created_at, card/CardOpenings). Without an
-- index that was a scan of every card of every tenant: 120-230 ms at 1,000,000 cards (bench/README.md
-- "Console pages"). The payment path never changes created_at, so card updates stay HOT.
create index card_opened_idx on card (tenant_id, created_at);
