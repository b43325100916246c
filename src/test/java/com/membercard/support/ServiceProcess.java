package com.membercard.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The service in a JVM of its own, started the way an operator would (main class, environment
 * variables), so tests can kill it with SIGKILL and start it again on the same data directory.
 */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final Path dataDir;
    private final Map<String, String> environment;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, Path dataDir, Map<String, String> environment, int port, Path log) {
        this.process = process;
        this.dataDir = dataDir;
        this.environment = environment;
        this.port = port;
        this.log = log;
    }

    /** Starts the service on a free port with its files in {@code dataDir}, and waits until healthy. */
    public static ServiceProcess start(Path dataDir, Map<String, String> environment, Duration patience)
            throws IOException, InterruptedException {
        return start(dataDir, environment, freePort(), patience);
    }

    /**
     * Starts the service anew on this one's data directory, environment and port (a till keeps its
     * address), and waits until healthy: after {@link #kill()}.
     */
    public ServiceProcess restart(Duration patience) throws IOException, InterruptedException {
        return start(dataDir, environment, port, patience);
    }

    private static ServiceProcess start(Path dataDir, Map<String, String> environment, int port, Duration patience)
            throws IOException, InterruptedException {
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-service-" + port + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                "com.membercard.Application"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("MEMBERCARD_DATA_DIR", dataDir.toString());
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        ServiceProcess service = new ServiceProcess(builder.start(), dataDir, environment, port, log);
        service.awaitHealthy(patience);
        return service;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public Api api() {
        return Api.at(baseUrl());
    }

    public Path log() {
        return log;
    }

    /** SIGKILL: no shutdown hook runs, the embedded PostgreSQL is left behind as an orphan. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /**
     * SIGKILL to the embedded PostgreSQL of this service's data directory and every process it
     * started, as a crash of the database (the service itself lives on until killed too).
     */
    public void killDatabase() throws Exception {
        killPostgres(dataDir.resolve("postgres"));
    }

    /** SIGKILL to the PostgreSQL server of this data directory and every process it started. */
    public static void killPostgres(Path postgresDataDirectory) throws Exception {
        long pid = Long.parseLong(Files.readAllLines(postgresDataDirectory.resolve("postmaster.pid"))
                .get(0)
                .strip());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        List<ProcessHandle> children = postmaster.descendants().toList();
        // the postmaster first, so that it cannot start new children to replace the killed ones
        postmaster.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        postmaster.onExit().get();
        for (ProcessHandle child : children) {
            child.onExit().get();
        }
    }

    /** SIGTERM: a clean shutdown, which stops the embedded PostgreSQL too. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    private void awaitHealthy(Duration patience) throws InterruptedException, IOException {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("service exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> health = http.send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new IllegalStateException("service not healthy within " + patience + "; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
