-- Day-end's wait for the transactions that may still write a bill on the day being closed
-- (settlement/JdbcDayEnds): how many of the service's transactions that began before the caller's
-- are still open, closes excepted. A function, because the sharded mode's SQL layer cannot bind
-- pg_stat_activity (it refuses a statement naming it); called in a statement that names the shop's
-- row, it runs on the tenant's node, where that tenant's payments are.
create function older_transactions(close_name text) returns bigint language plpgsql volatile as $$
begin
    perform pg_stat_clear_snapshot(); -- else pg_stat_activity is read once per transaction
    return (select count(*) from pg_stat_activity
            where datname = current_database() and usename = current_user
              and backend_type = 'client backend' and pid <> pg_backend_pid()
              and xact_start < now() and application_name <> close_name);
end
$$;
