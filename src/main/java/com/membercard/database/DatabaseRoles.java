package com.membercard.database;

import static com.membercard.database.DatabasePasswords.APP;
import static com.membercard.database.DatabasePasswords.OWNER;
import static com.membercard.database.DatabasePasswords.SUPERUSER;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The two roles of the embedded database, made and put right by the superuser at every start
 * (every statement can run again; the grants are re-stated each time, so a hand-made grant to the
 * service's role does not survive a restart):
 *
 * <ul>
 *   <li>{@value DatabasePasswords#OWNER} owns the database, its schema and everything in it, and
 *       runs the Flyway migrations. It is no superuser: it cannot read or write the server's files
 *       or run programs.
 *   <li>{@value DatabasePasswords#APP} is what the running service connects as: it may read and
 *       write the rows of the schema's tables and draw from their sequences, nothing else. Owning
 *       nothing, it cannot alter, drop or disable a trigger (so the ledger stays insert-only), nor
 *       truncate (which fires no delete trigger), nor create anything in the schema; being no
 *       superuser and in no predefined role, it cannot {@code COPY … TO PROGRAM}, read server files
 *       or set {@code session_replication_role}.
 * </ul>
 *
 * A data directory from before these roles (everything owned by {@code postgres}) is upgraded in
 * place: the database, the schema and its tables, views, sequences and functions pass to the owner.
 * Ownership changes no row.
 */
final class DatabaseRoles {

    private DatabaseRoles() {}

    static void prepare(String host, int port, String database, DatabasePasswords passwords) throws SQLException {
        try (Connection postgres = connect(host, port, "postgres", SUPERUSER, passwords.of(SUPERUSER));
                Statement sql = postgres.createStatement()) {
            for (String role : List.of(OWNER, APP)) {
                sql.execute("do $$ begin if not exists (select from pg_roles where rolname = '" + role
                        + "') then create role " + role + "; end if; end $$");
                sql.execute("alter role " + role
                        + " login nosuperuser nocreatedb nocreaterole noreplication nobypassrls inherit password '"
                        + DatabasePasswords.scramVerifier(passwords.of(role)) + "'");
                for (String membership : query(
                        sql,
                        "select roleid::regrole::text from pg_auth_members where member = '" + role + "'::regrole")) {
                    sql.execute("revoke " + membership + " from " + role);
                }
            }
            if (query(sql, "select 1 from pg_database where datname = '" + database + "'")
                    .isEmpty()) {
                sql.execute("create database " + database + " owner " + OWNER);
            } else {
                sql.execute("alter database " + database + " owner to " + OWNER);
            }
        }
        try (Connection membercard = connect(host, port, database, SUPERUSER, passwords.of(SUPERUSER));
                Statement sql = membercard.createStatement()) {
            sql.execute("alter schema public owner to " + OWNER);
            handOverToOwner(sql);
            sql.execute("revoke all on schema public from public");
            sql.execute("revoke all on schema public from " + APP);
            sql.execute("grant usage on schema public to public");
            sql.execute("revoke all on all tables in schema public from " + APP);
            sql.execute("grant select, insert, update, delete on all tables in schema public to " + APP);
            sql.execute("revoke all on all sequences in schema public from " + APP);
            sql.execute("grant usage, select on all sequences in schema public to " + APP);
            // tables and sequences that later migrations create (as the owner) get the same grants
            sql.execute("alter default privileges for role " + OWNER + " in schema public"
                    + " grant select, insert, update, delete on tables to " + APP);
            sql.execute("alter default privileges for role " + OWNER + " in schema public"
                    + " grant usage, select on sequences to " + APP);
            if (!query(sql, "select 1 from pg_class where oid = to_regclass('public.flyway_schema_history')")
                    .isEmpty()) {
                sql.execute("revoke all on flyway_schema_history from " + APP);
                sql.execute("grant select on flyway_schema_history to " + APP);
            }
        }
    }

    /** Everything in the schema not yet the owner's, except what belongs to an extension. */
    private static void handOverToOwner(Statement sql) throws SQLException {
        String notOfAnExtension = " and not exists (select from pg_depend d where d.objid = o.oid and d.deptype = 'e')";
        List<String> statements = new ArrayList<>();
        // tables first: their identity and serial sequences, indexes and triggers follow them
        for (String table : query(
                sql,
                "select format('alter %s %s owner to " + OWNER + "',"
                        + " case o.relkind when 'v' then 'view' when 'm' then 'materialized view'"
                        + " when 'f' then 'foreign table' else 'table' end, o.oid::regclass)"
                        + " from pg_class o where o.relnamespace = 'public'::regnamespace"
                        + " and o.relkind in ('r', 'p', 'v', 'm', 'f') and o.relowner <> '" + OWNER + "'::regrole"
                        + notOfAnExtension)) {
            statements.add(table);
        }
        for (String statement : statements) {
            sql.execute(statement);
        }
        for (String sequence : query(
                sql,
                "select format('alter sequence %s owner to " + OWNER + "', o.oid::regclass)"
                        + " from pg_class o where o.relnamespace = 'public'::regnamespace and o.relkind = 'S'"
                        + " and o.relowner <> '" + OWNER + "'::regrole" + notOfAnExtension)) {
            sql.execute(sequence);
        }
        for (String function : query(
                sql,
                "select format('alter routine %s owner to " + OWNER + "', o.oid::regprocedure)"
                        + " from pg_proc o where o.pronamespace = 'public'::regnamespace"
                        + " and o.proowner <> '" + OWNER + "'::regrole" + notOfAnExtension)) {
            sql.execute(function);
        }
        for (String type : query(
                sql,
                "select format('alter type %s owner to " + OWNER + "', o.oid::regtype)"
                        + " from pg_type o where o.typnamespace = 'public'::regnamespace"
                        + " and o.typtype in ('e', 'd', 'r', 'm') and o.typowner <> '" + OWNER + "'::regrole"
                        + notOfAnExtension)) {
            sql.execute(type);
        }
    }

    static Connection connect(String host, int port, String database, String user, String password)
            throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        return DriverManager.getConnection(jdbcUrl(host, port, database), properties);
    }

    static String jdbcUrl(String host, int port, String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    private static List<String> query(Statement sql, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet result = sql.executeQuery(query)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}
