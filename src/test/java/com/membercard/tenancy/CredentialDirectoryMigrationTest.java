package com.membercard.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V33 on a database with keys, tokens and tenants made before it: every key's and token's hash is
 * entered under its tenant (a platform administrator's token under none), and the next tenant id is
 * drawn after every id the tenants' old sequence gave out, a failed creation's included.
 */
class CredentialDirectoryMigrationTest {

    @TempDir
    Path temp;

    @Test
    void existingCredentialsAreEnteredAndTenantIdsGoOn() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(temp.resolve("postgres"))
                .setLocaleConfig("locale", "C.UTF-8")
                .start()) {
            JdbcClient.create(postgres.getPostgresDatabase())
                    .sql("create database membercard")
                    .update();
            DataSource database = postgres.getDatabase("postgres", "membercard");
            migrate(database, "32");
            JdbcClient jdbc = JdbcClient.create(database);
            long tenant = jdbc.sql("insert into tenant (name) values ('before V33') returning id")
                    .query(Long.class)
                    .single();
            long failedCreation = jdbc.sql("select nextval(pg_get_serial_sequence('tenant', 'id'))")
                    .query(Long.class)
                    .single();
            long shop = jdbc.sql("insert into shop (tenant_id, name) values (:t, 'shop') returning id")
                    .param("t", tenant)
                    .query(Long.class)
                    .single();
            jdbc.sql("""
                            insert into api_key (tenant_id, name, role, shop_id, key_hash, key_prefix)
                            values (:t, 'till', 'CASHIER', :shop, repeat('a', 64), 'mk_aaaaaaaa')""").param("t", tenant).param("shop", shop).update();
            token(jdbc, operator(jdbc, tenant, "boss", "TENANT_ADMIN"), tenant, "b");
            token(jdbc, operator(jdbc, null, "platform", "PLATFORM_ADMIN"), null, "c");

            migrate(database, "latest");

            Map<String, Object> directory = new java.util.HashMap<>();
            jdbc.sql("select secret_hash, tenant_id from credential_directory").query(rs -> {
                directory.put(rs.getString("secret_hash"), rs.getObject("tenant_id"));
            });
            assertThat(directory)
                    .containsOnlyKeys("a".repeat(64), "b".repeat(64), "c".repeat(64))
                    .containsEntry("a".repeat(64), tenant)
                    .containsEntry("b".repeat(64), tenant)
                    .containsEntry("c".repeat(64), null);
            assertThat(jdbc.sql("insert into tenant_id_draw (drawn_at) values (now()) returning id")
                            .query(Long.class)
                            .single())
                    .as("the next tenant id, after the failed creation's")
                    .isEqualTo(failedCreation + 1);
        }
    }

    private static void migrate(DataSource database, String target) {
        Flyway.configure()
                .dataSource(database)
                .locations("classpath:db/migration")
                .target(target)
                .load()
                .migrate();
    }

    private static long operator(JdbcClient jdbc, Long tenant, String username, String role) {
        return jdbc.sql("""
                        insert into operator (tenant_id, username, password_hash, role)
                        values (:t, :username, 'x', :role) returning id""")
                .param("t", tenant)
                .param("username", username)
                .param("role", role)
                .query(Long.class)
                .single();
    }

    private static void token(JdbcClient jdbc, long operator, Long tenant, String hashLetter) {
        jdbc.sql("""
                        insert into login_token (tenant_id, operator_id, token_hash, expires_at)
                        values (:t, :operator, repeat(:letter, 64), now() + interval '1 hour')""")
                .param("t", tenant)
                .param("operator", operator)
                .param("letter", hashLetter)
                .update();
    }
}
