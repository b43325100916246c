-- serial_record.bill_id was meant to point a serial at the bill its command wrote. Nothing ever wrote
-- it and nothing reads it: Idempotency (module shared) stores a serial with the command's answer and
-- knows nothing of bills, a command may write no bill (op33, op34) or several (op35), and a replay
-- (801) answers from the stored response alone. Filling it in would mean teaching shared about the
-- ledger for a column no query uses, so it is dropped, with its foreign key to bill; the schema then
-- says only what is true.
alter table serial_record drop column bill_id;
