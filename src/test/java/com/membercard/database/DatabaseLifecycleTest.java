package com.membercard.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.Application;
import com.membercard.support.Api;
import com.membercard.support.ServiceProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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
