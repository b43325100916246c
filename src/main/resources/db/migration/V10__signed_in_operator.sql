-- Who really acted (issue 10, item 7). A command's userId names the cashier it is done for, and
-- that cashier becomes bill.operator_id / card_event.operator_id; before this column the operator
-- who had signed in and sent it was lost, so anyone with a login could put a colleague's name on a
-- bill. Now both are kept: operator_id the named cashier (or the signed-in operator when none is
-- named, as before), api_key_id the key a request came through, signed_in_operator_id the operator
-- whose login token it came with (null for an API key and for the service's own jobs).
--
-- Adding a nullable column rewrites no row, so the insert-only triggers on bill are not involved.
alter table bill add column signed_in_operator_id bigint;
alter table bill add foreign key (tenant_id, signed_in_operator_id) references operator (tenant_id, id);

alter table card_event add column signed_in_operator_id bigint;
alter table card_event add foreign key (tenant_id, signed_in_operator_id) references operator (tenant_id, id);
