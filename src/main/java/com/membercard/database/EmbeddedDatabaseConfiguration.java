package com.membercard.database;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Starts a real PostgreSQL 17 from the binaries on the class path, with its files under
 * {@code MEMBERCARD_DATA_DIR/postgres} so that they outlive the process. Closing the context stops
 * it (the data source closes first, as it depends on the server). A server left running by a
 * killed JVM is stopped before the new one starts, see {@link OrphanedPostmaster}.
 *
 * <p>The server is locked as a production one would be, since it holds money: it listens on
 * 127.0.0.1 only; its socket lies in {@code MEMBERCARD_DATA_DIR/postgres-socket} (0700), not in the
 * shared {@code /tmp}; every connection needs a SCRAM password ({@link ServerLock}), generated into
 * {@code MEMBERCARD_DATA_DIR/postgres.pgpass} (0600, {@link DatabasePasswords}); the binaries are
 * unpacked into {@code MEMBERCARD_DATA_DIR/postgres-binaries} (0700) rather than a folder of
 * {@code /tmp} that another user could have prepared; and the service works as a role that owns
 * nothing ({@link DatabaseRoles}), while the migrations run as the schema's owner.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseCondition.class)
class EmbeddedDatabaseConfiguration {

    static final String DATABASE = "membercard";
    static final String HOST = "127.0.0.1";
    /** sun_path holds 108 bytes; the socket's name {@code .s.PGSQL.65535} takes 15 of them and a slash */
    private static final int LONGEST_SOCKET_FOLDER = 107 - 16;

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean
    DatabasePasswords databasePasswords(EmbeddedDatabaseProperties properties) throws IOException {
        Path dataDir = properties.dataDir().toAbsolutePath().normalize();
        Files.createDirectories(dataDir);
        return DatabasePasswords.readOrCreate(dataDir);
    }

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties, DatabasePasswords passwords)
            throws IOException {
        return start(
                properties.dataDir(),
                properties.databasePort(),
                properties.databaseFsync(),
                properties.databaseSharedBuffers(),
                passwords);
    }

    /**
     * One locked-down server with its roles prepared, its files under {@code dataDir}: the service's
     * database, and each node of the sharded mode's embedded test topology ({@link EmbeddedNodes}).
     */
    static EmbeddedPostgres start(
            Path dataDirSetting, int port, boolean fsync, String sharedBuffers, DatabasePasswords passwords)
            throws IOException {
        Path dataDir = dataDirSetting.toAbsolutePath().normalize();
        Path dataDirectory = dataDir.resolve("postgres");
        Files.createDirectories(dataDirectory);
        OrphanedPostmaster.stopIfRunning(dataDirectory);
        // zonky makes its working folder writable by everyone (meant for a /tmp shared by builds):
        // inside a folder of our own nobody else can reach it, and it is made private again below
        Path binaries = ServerLock.privateFolder(
                ServerLock.privateFolder(dataDir.resolve("postgres-binaries")).resolve("zonky"));
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setOverrideWorkingDirectory(binaries.toFile())
                .setPgBinaryResolver(new BinariesOfThisStart())
                .setDataDirectoryCustomizer(new ServerLock(binaries, passwords))
                // zonky checks that the server is up as the superuser, which now needs its password
                .setConnectConfig("password", passwords.of(DatabasePasswords.SUPERUSER))
                .setLocaleConfig("locale", "C.UTF-8")
                // on the command line, which neither the configuration files nor ALTER SYSTEM override
                .setServerConfig("listen_addresses", HOST)
                .setServerConfig("password_encryption", "scram-sha-256")
                .setServerConfig("fsync", fsync ? "on" : "off")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "100")
                // PostgreSQL's default 128MB holds little of a million members' cards
                .setServerConfig("shared_buffers", sharedBuffers);
        socketFolder(dataDir)
                .ifPresentOrElse(
                        folder -> builder.setServerConfig("unix_socket_directories", folder.toString())
                                .setServerConfig("unix_socket_permissions", "0700"),
                        () -> builder.setServerConfig("unix_socket_directories", "''"));
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres postgres = builder.start();
        ServerLock.privateFolder(binaries);
        try {
            DatabaseRoles.prepare(HOST, postgres.getPort(), DATABASE, passwords);
        } catch (SQLException e) {
            postgres.close();
            throw new IOException("Could not prepare the roles of database " + DATABASE, e);
        }
        log.info(
                "Embedded PostgreSQL on {}:{} with data in {}; passwords in {}",
                HOST,
                postgres.getPort(),
                dataDirectory,
                passwords.file());
        return postgres;
    }

    /** The service's pool, as the role that owns nothing. */
    @Bean
    @Primary
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres, DatabasePasswords passwords) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(DatabaseRoles.jdbcUrl(HOST, postgres.getPort(), DATABASE));
        dataSource.setUsername(DatabasePasswords.APP);
        dataSource.setPassword(passwords.of(DatabasePasswords.APP));
        return dataSource;
    }

    /**
     * Flyway's connection, as the schema's owner; no candidate for injection by type, so nothing
     * but Flyway ever uses it.
     */
    @Bean(defaultCandidate = false)
    @FlywayDataSource
    DataSource migrationDataSource(EmbeddedPostgres postgres, DatabasePasswords passwords) {
        return new SimpleDriverDataSource(
                new Driver(),
                DatabaseRoles.jdbcUrl(HOST, postgres.getPort(), DATABASE),
                DatabasePasswords.OWNER,
                passwords.of(DatabasePasswords.OWNER));
    }

    /**
     * The socket's folder, 0700, in the data directory; none when its path is too long for a
     * socket or needs quoting on pg_ctl's command line (the server then takes TCP on 127.0.0.1 only).
     */
    private static Optional<Path> socketFolder(Path dataDir) throws IOException {
        Path folder = dataDir.resolve("postgres-socket");
        if (folder.toString().getBytes(StandardCharsets.UTF_8).length > LONGEST_SOCKET_FOLDER
                || !folder.toString().matches("[A-Za-z0-9/._+-]+")) {
            log.warn("No Unix socket for PostgreSQL: {} is too long or has unusual characters", folder);
            return Optional.empty();
        }
        return Optional.of(ServerLock.privateFolder(folder));
    }

    /**
     * zonky remembers where it unpacked the binaries per resolver, for the whole JVM, whatever
     * working folder a later start names: a resolver of its own makes each start unpack into (or
     * find already in) its own private folder, never a folder another start used.
     */
    private static final class BinariesOfThisStart implements PgBinaryResolver {
        @Override
        public InputStream getPgBinary(String system, String machineHardware) throws IOException {
            return DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
        }
    }
}
