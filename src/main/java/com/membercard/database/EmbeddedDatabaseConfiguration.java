package com.membercard.database;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a real PostgreSQL 17 from the binaries on the class path, with its files under
 * {@code MEMBERCARD_DATA_DIR/postgres} so that they outlive the process. Closing the context stops
 * it (the data source closes first, as it depends on the server). A server left running by a
 * killed JVM is stopped before the new one starts, see {@link OrphanedPostmaster}.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseCondition.class)
class EmbeddedDatabaseConfiguration {

    static final String DATABASE = "membercard";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties) throws IOException {
        Path dataDirectory = properties.dataDir().toAbsolutePath().normalize().resolve("postgres");
        Files.createDirectories(dataDirectory);
        OrphanedPostmaster.stopIfRunning(dataDirectory);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setLocaleConfig("locale", "C.UTF-8")
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("fsync", properties.databaseFsync() ? "on" : "off")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "100")
                // PostgreSQL's default 128MB holds little of a million members' cards
                .setServerConfig("shared_buffers", properties.databaseSharedBuffers());
        if (properties.databasePort() > 0) {
            builder.setPort(properties.databasePort());
        }
        EmbeddedPostgres postgres = builder.start();
        createDatabaseIfMissing(postgres);
        log.info("Embedded PostgreSQL on port {} with data in {}", postgres.getPort(), dataDirectory);
        return postgres;
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", DATABASE));
        dataSource.setUsername("postgres");
        return dataSource;
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres) throws IOException {
        DataSource admin = postgres.getPostgresDatabase();
        try (Connection connection = admin.getConnection();
                Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'");
            if (!exists.next()) {
                statement.execute("create database " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IOException("Could not prepare database " + DATABASE, e);
        }
    }
}
