-- Sign-in hardening (issue 10, items 5 and 9).
--
-- Wrong passwords used to be counted on the operator row alone, and five of them locked the account
-- for everyone: a stranger could keep the predictable `admin` locked for ever. Failures now count per
-- operator and client address (sign_in_failure): the backoff that grows with them stops the address
-- that failed, never another one. The operator row keeps counting failures in a row from all
-- addresses (failed_logins, for the record; it blocks nothing) and no longer sets locked_until. Both
-- are read and written under the operator row's lock (SELECT … FOR UPDATE), so a parallel burst of
-- wrong passwords is counted attempt by attempt.
--
-- must_change_password marks an operator whose password someone else chose (the bootstrap
-- administrator's generated one-time password): its login token may only change the password.
--
-- api_key.expires_at: an optional end of a key's life, checked on the service's clock.
create table sign_in_failure (
    operator_id     bigint       not null references operator (id),
    client_address  varchar(64)  not null,
    failures        int          not null,
    last_failed_at  timestamptz  not null,
    blocked_until   timestamptz,
    primary key (operator_id, client_address)
);

alter table operator add column must_change_password boolean not null default false;

alter table api_key add column expires_at timestamptz;
