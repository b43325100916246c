package com.membercard.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * N embedded PostgreSQL servers for the sharded mode (README "Sharded mode"), each started and
 * locked exactly as the single-node service's ({@link EmbeddedDatabaseConfiguration#start}), with
 * files under {@code <dataDir>/node-<i>} and one password file for all in {@code dataDir}, so that
 * one service role and one owner reach every node: what {@code MEMBERCARD_SHARDS} and
 * {@code MEMBERCARD_SHARD_*} then name. A topology for tests and trials on one machine: fsync off and
 * PostgreSQL's default 128MB of shared buffers per node.
 */
public final class EmbeddedNodes implements AutoCloseable {

    private final List<EmbeddedPostgres> servers;
    private final DatabasePasswords passwords;

    private EmbeddedNodes(List<EmbeddedPostgres> servers, DatabasePasswords passwords) {
        this.servers = servers;
        this.passwords = passwords;
    }

    public static EmbeddedNodes start(Path dataDir, int count) throws IOException {
        DatabasePasswords passwords = DatabasePasswords.readOrCreate(
                ServerLock.privateFolder(dataDir.toAbsolutePath().normalize()));
        List<EmbeddedPostgres> servers = new ArrayList<>();
        try {
            for (int node = 0; node < count; node++) {
                servers.add(EmbeddedDatabaseConfiguration.start(
                        dataDir.resolve("node-" + node), 0, false, "128MB", passwords));
            }
        } catch (IOException | RuntimeException e) {
            new EmbeddedNodes(servers, passwords).close();
            throw e;
        }
        return new EmbeddedNodes(servers, passwords);
    }

    /** The nodes' JDBC URLs, comma-separated: the value of {@code MEMBERCARD_SHARDS}. */
    public String urls() {
        return servers.stream().map(EmbeddedNodes::url).collect(Collectors.joining(","));
    }

    public String url(int node) {
        return url(servers.get(node));
    }

    public String serviceUsername() {
        return DatabasePasswords.APP;
    }

    public String servicePassword() {
        return passwords.of(DatabasePasswords.APP);
    }

    public String ownerUsername() {
        return DatabasePasswords.OWNER;
    }

    public String ownerPassword() {
        return passwords.of(DatabasePasswords.OWNER);
    }

    private static String url(EmbeddedPostgres server) {
        return DatabaseRoles.jdbcUrl(
                EmbeddedDatabaseConfiguration.HOST, server.getPort(), EmbeddedDatabaseConfiguration.DATABASE);
    }

    @Override
    public void close() throws IOException {
        for (EmbeddedPostgres server : servers) {
            server.close();
        }
    }
}
