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
 * {@code MEMBERCARD_SHARD_*} then name. A topology for tests and trials on one machine: fsync off, and
 * PostgreSQL's default 128MB of shared buffers per node unless told otherwise (the sharded benchmark
 * gives each node the single-node server's).
 */
public final class EmbeddedNodes implements AutoCloseable {

    private final Path dataDir;
    private final List<EmbeddedPostgres> servers;
    private final DatabasePasswords passwords;
    private final String sharedBuffers;

    private EmbeddedNodes(
            Path dataDir, List<EmbeddedPostgres> servers, DatabasePasswords passwords, String sharedBuffers) {
        this.dataDir = dataDir;
        this.servers = servers;
        this.passwords = passwords;
        this.sharedBuffers = sharedBuffers;
    }

    public static EmbeddedNodes start(Path dataDir, int count) throws IOException {
        return start(dataDir, count, "128MB");
    }

    /** As {@link #start(Path, int)}, each node with {@code sharedBuffers} of shared buffers (e.g. 512MB). */
    public static EmbeddedNodes start(Path dataDir, int count, String sharedBuffers) throws IOException {
        DatabasePasswords passwords = DatabasePasswords.readOrCreate(
                ServerLock.privateFolder(dataDir.toAbsolutePath().normalize()));
        List<EmbeddedPostgres> servers = new ArrayList<>();
        try {
            for (int node = 0; node < count; node++) {
                servers.add(startNode(dataDir, node, 0, passwords, sharedBuffers));
            }
        } catch (IOException | RuntimeException e) {
            new EmbeddedNodes(dataDir, servers, passwords, sharedBuffers).close();
            throw e;
        }
        return new EmbeddedNodes(dataDir, servers, passwords, sharedBuffers);
    }

    private static EmbeddedPostgres startNode(
            Path dataDir, int node, int port, DatabasePasswords passwords, String sharedBuffers) throws IOException {
        return EmbeddedDatabaseConfiguration.start(nodeDir(dataDir, node), port, false, sharedBuffers, passwords);
    }

    private static Path nodeDir(Path dataDir, int node) {
        return dataDir.resolve("node-" + node);
    }

    /** The node's PostgreSQL data directory (its {@code postmaster.pid} names the running server). */
    public Path dataDirectory(int node) {
        return nodeDir(dataDir, node).toAbsolutePath().normalize().resolve("postgres");
    }

    /**
     * Starts the node again on its port and files, after a crash (a killed postmaster is cleaned up
     * as at any start): the URLs given to the service stay right.
     */
    public synchronized void restart(int node) throws IOException {
        int port = servers.get(node).getPort();
        try {
            servers.get(node).close();
        } catch (IOException | RuntimeException alreadyDown) {
            // killed: nothing left to stop
        }
        servers.set(node, startNode(dataDir, node, port, passwords, sharedBuffers));
    }

    public int count() {
        return servers.size();
    }

    /** The nodes' JDBC URLs, comma-separated: the value of {@code MEMBERCARD_SHARDS}. */
    public String urls() {
        return servers.stream().map(EmbeddedNodes::url).collect(Collectors.joining(","));
    }

    public synchronized String url(int node) {
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
