package com.membercard.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.membercard.Application;
import com.membercard.support.Api;
import com.membercard.support.ServiceProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** Where the data lives, and that it is still there after a restart, a kill, or on another server. */
class DatabaseLifecycleTest {

    private static final Map<String, String> ADMIN =
            Map.of("MEMBERCARD_ADMIN_USERNAME", "root", "MEMBERCARD_ADMIN_PASSWORD", "root-password");

    @TempDir
    Path temp;

    @Test
    void whatWasCreatedBeforeARestartIsThereAfterIt() {
        Path dataDir = temp.resolve("data");
        long tenantId;
        try (ConfigurableApplicationContext first = start("--membercard.data-dir=" + dataDir)) {
            tenantId = createTenant(api(first));
        }
        assertThat(dataDir.resolve("postgres/postmaster.pid"))
                .as("a clean shutdown stops PostgreSQL")
                .doesNotExist();

        try (ConfigurableApplicationContext second = start("--membercard.data-dir=" + dataDir)) {
            Api.Response tenant = platform(api(second)).get("/api/v1/tenants/" + tenantId);
            assertThat(tenant.http()).isEqualTo(200);
            assertThat(tenant.body().path("name").asString()).isEqualTo("重启前");
        }
    }

    /**
     * A data directory of an earlier version: initdb's {@code trust} for everyone, everything owned
     * by the superuser, no password anywhere. The first start locks it and hands the schema to the
     * owner role, and every row is still there.
     */
    @Test
    void aDataDirectoryOfAnEarlierVersionIsLockedInPlaceWithItsData() throws Exception {
        Path dataDir = temp.resolve("earlier");
        long tenantId;
        try (EmbeddedPostgres earlier = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir.resolve("postgres"))
                .setCleanDataDirectory(false)
                .setLocaleConfig("locale", "C.UTF-8")
                .start()) {
            JdbcClient.create(earlier.getPostgresDatabase())
                    .sql("create database membercard")
                    .update();
            DataSource asSuperuser = earlier.getDatabase("postgres", "membercard");
            Flyway.configure()
                    .dataSource(asSuperuser)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            tenantId = JdbcClient.create(asSuperuser).sql("""
                            with drawn as (insert into tenant_id_draw (drawn_at) values (now()) returning id)
                            insert into tenant (id, name) select id, '升级前' from drawn returning id""").query(Long.class).single();
        }

        try (ConfigurableApplicationContext upgraded = start("--membercard.data-dir=" + dataDir)) {
            Api.Response tenant = platform(api(upgraded)).get("/api/v1/tenants/" + tenantId);
            assertThat(tenant.http()).isEqualTo(200);
            assertThat(tenant.body().path("name").asString()).isEqualTo("升级前");
            assertThat(createTenant(api(upgraded))).isPositive();

            int port = upgraded.getBean(EmbeddedPostgres.class).getPort();
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/membercard";
            assertThatThrownBy(() ->
                            DriverManager.getConnection(url, "postgres", "").close())
                    .as("trust is gone")
                    .isInstanceOf(SQLException.class);
            JdbcClient service = JdbcClient.create(upgraded.getBean(DataSource.class));
            assertThat(service.sql("select current_user").query(String.class).single())
                    .isEqualTo("membercard_app");
            assertThat(service.sql("""
                            select c.relname from pg_class c
                            where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'v', 'S')
                              and pg_get_userbyid(c.relowner) <> 'membercard_owner'""").query(String.class).list())
                    .as("tables, views and sequences not yet handed to the owner")
                    .isEmpty();
            assertThat(service.sql("""
                            select pg_get_userbyid(datdba) from pg_database where datname = current_database()""").query(String.class).single()).isEqualTo("membercard_owner");
        }
    }

    @Test
    void anExternalDatabaseIsUsedAndNoEmbeddedOneStarts() throws Exception {
        try (EmbeddedPostgres external = EmbeddedPostgres.builder()
                .setDataDirectory(temp.resolve("external"))
                .setCleanDataDirectory(true)
                .start()) {
            try (ConfigurableApplicationContext service = start(
                    "--spring.datasource.url=" + external.getJdbcUrl("postgres", "postgres"),
                    "--spring.datasource.username=postgres",
                    "--spring.datasource.password=",
                    "--membercard.data-dir=" + temp.resolve("unused"))) {
                assertThat(service.getBeanNamesForType(EmbeddedPostgres.class)).isEmpty();
                long tenantId = createTenant(api(service));

                JdbcClient outside = JdbcClient.create(new SingleConnectionDataSource(
                        external.getJdbcUrl("postgres", "postgres"), "postgres", "", true));
                assertThat(outside.sql("select name from tenant where id = ?")
                                .param(tenantId)
                                .query(String.class)
                                .single())
                        .isEqualTo("重启前");
            }
            assertThat(temp.resolve("unused/postgres")).doesNotExist();
        }
    }

    /** The README's statements for an external PostgreSQL: the service as the app role, Flyway as the owner. */
    @Test
    void anExternalDatabaseWithTheTwoRolesOfTheReadmeMigratesAsTheOwnerAndServesAsTheApp() throws Exception {
        try (EmbeddedPostgres external = EmbeddedPostgres.builder()
                .setDataDirectory(temp.resolve("external-roles"))
                .setCleanDataDirectory(true)
                .start()) {
            JdbcClient superuser = JdbcClient.create(external.getPostgresDatabase());
            for (String statement : List.of(
                    "create role membercard_owner login password 'owner-password'",
                    "create role membercard_app login password 'app-password'",
                    "create database membercard owner membercard_owner")) {
                superuser.sql(statement).update();
            }
            JdbcClient inDatabase = JdbcClient.create(external.getDatabase("postgres", "membercard"));
            for (String statement : List.of(
                    "alter schema public owner to membercard_owner",
                    "revoke all on schema public from public",
                    "grant usage on schema public to membercard_app",
                    "alter default privileges for role membercard_owner in schema public"
                            + " grant select, insert, update, delete on tables to membercard_app",
                    "alter default privileges for role membercard_owner in schema public"
                            + " grant usage, select on sequences to membercard_app")) {
                inDatabase.sql(statement).update();
            }
            try (ConfigurableApplicationContext service = start(
                    "--spring.datasource.url=jdbc:postgresql://localhost:" + external.getPort() + "/membercard",
                    "--spring.datasource.username=membercard_app",
                    "--spring.datasource.password=app-password",
                    "--spring.flyway.user=membercard_owner",
                    "--spring.flyway.password=owner-password",
                    "--membercard.data-dir=" + temp.resolve("unused-roles"))) {
                assertThat(createTenant(api(service))).isPositive();
                JdbcClient app = JdbcClient.create(service.getBean(DataSource.class));
                assertThat(app.sql("select current_user").query(String.class).single())
                        .isEqualTo("membercard_app");
                assertThat(inDatabase
                                .sql("select pg_get_userbyid(relowner) from pg_class where relname = 'bill'")
                                .query(String.class)
                                .single())
                        .isEqualTo("membercard_owner");
                assertThatThrownBy(() -> app.sql("alter table bill disable trigger bill_insert_only")
                                .update())
                        .hasStackTraceContaining("must be owner");
            }
        }
    }

    @Test
    void aKilledServiceLeavesADataDirectoryTheNextStartCanOpen() throws Exception {
        Path dataDir = temp.resolve("killed");
        long tenantId;
        ServiceProcess first = ServiceProcess.start(dataDir, ADMIN, Duration.ofSeconds(90));
        tenantId = createTenant(first.api());
        first.kill();
        assertThat(Files.exists(dataDir.resolve("postgres/postmaster.pid")))
                .as("the orphaned PostgreSQL still holds the directory")
                .isTrue();

        try (ServiceProcess second = ServiceProcess.start(dataDir, ADMIN, Duration.ofSeconds(90))) {
            assertThat(platform(second.api()).get("/api/v1/tenants/" + tenantId).http())
                    .isEqualTo(200);
        }
        assertThat(dataDir.resolve("postgres/postmaster.pid")).doesNotExist();
    }

    private static ConfigurableApplicationContext start(String... arguments) {
        String[] all = new String[arguments.length + 4];
        System.arraycopy(arguments, 0, all, 0, arguments.length);
        all[arguments.length] = "--server.port=0";
        all[arguments.length + 1] = "--membercard.database-fsync=false";
        all[arguments.length + 2] = "--membercard.admin.username=root";
        all[arguments.length + 3] = "--membercard.admin.password=root-password";
        return new SpringApplicationBuilder(Application.class).run(all);
    }

    private static Api api(ConfigurableApplicationContext context) {
        return Api.at("http://localhost:" + context.getEnvironment().getProperty("local.server.port"));
    }

    private static Api platform(Api anonymous) {
        Api.Response login =
                anonymous.post("/api/v1/auth/login", Map.of("username", "root", "password", "root-password"));
        return anonymous.as(login.data().path("token").asString());
    }

    private static long createTenant(Api anonymous) {
        Api.Response created = platform(anonymous)
                .post(
                        "/api/v1/tenants",
                        Map.of(
                                "name",
                                "重启前",
                                "adminUsername",
                                "boss-" + System.nanoTime(),
                                "adminPassword",
                                "secret-123"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.data().path("id").asLong();
    }
}
