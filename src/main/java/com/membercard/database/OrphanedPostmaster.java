package com.membercard.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JVM killed with SIGKILL cannot stop the PostgreSQL it started, and that server keeps the data
 * directory. Before starting anew we read its {@code postmaster.pid} and, if that process is still
 * a postgres serving this very directory, ask it to shut down (SIGTERM: committed data is safe,
 * the clients it waits for died with the old JVM) and wait for it; a stale pid file of a process
 * that is gone is left to PostgreSQL, which recovers from it by itself.
 */
final class OrphanedPostmaster {

    private static final Logger log = LoggerFactory.getLogger(OrphanedPostmaster.class);
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private OrphanedPostmaster() {}

    static void stopIfRunning(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.size() < 2 || !lines.get(0).strip().matches("\\d+")) {
            return;
        }
        long pid = Long.parseLong(lines.get(0).strip());
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()
                || !servesDirectory(process.get(), dataDirectory, lines.get(1).strip())) {
            return;
        }
        log.warn("Stopping PostgreSQL (pid {}) left running on {} by an earlier process", pid, dataDirectory);
        process.get().destroy();
        try {
            process.get().onExit().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("PostgreSQL pid {} did not stop in {}; forcing it", pid, PATIENCE);
            process.get().destroyForcibly();
        }
    }

    private static boolean servesDirectory(ProcessHandle process, Path dataDirectory, String pidFileDirectory) {
        String command = process.info().command().orElse("");
        boolean isPostgres = command.endsWith("/postgres") || command.endsWith("/postmaster");
        return isPostgres
                && Path.of(pidFileDirectory).toAbsolutePath().normalize().equals(dataDirectory);
    }
}
