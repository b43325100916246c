package com.membercard.database;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Locks the embedded PostgreSQL before its postmaster starts (zonky runs this between initdb and
 * {@code pg_ctl start}, at every start, on new and old data directories alike), so that no moment
 * exists in which it accepts a connection without a password:
 *
 * <ul>
 *   <li>the superuser {@code postgres} gets the password of {@link DatabasePasswords}, set in
 *       PostgreSQL's single-user mode (no postmaster, no network, no authentication needed: the
 *       same way an administrator resets a lost superuser password);
 *   <li>{@code pg_hba.conf} is rewritten to allow SCRAM passwords only, over the socket and
 *       127.0.0.1; no {@code trust}, no other address, no replication. A data directory made by an
 *       earlier version (initdb's {@code trust} for everyone) is thereby upgraded in place.
 * </ul>
 *
 * Doing this at every start rather than once keeps the password file the single truth: a lost or
 * replaced file takes effect at the next start.
 */
final class ServerLock implements Consumer<File> {

    static final String HBA_HEADER = "# membercard: SCRAM passwords only, socket and 127.0.0.1 only."
            + " Rewritten at every start of the service.";
    private static final Logger log = LoggerFactory.getLogger(ServerLock.class);

    private final Path binaries;
    private final DatabasePasswords passwords;

    ServerLock(Path binaries, DatabasePasswords passwords) {
        this.binaries = binaries;
        this.passwords = passwords;
    }

    @Override
    public void accept(File dataDirectory) {
        try {
            setSuperuserPassword(dataDirectory.toPath());
            Files.writeString(dataDirectory.toPath().resolve("pg_hba.conf"), hba(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not lock PostgreSQL in " + dataDirectory, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while locking PostgreSQL in " + dataDirectory, e);
        }
    }

    static String hba() {
        return HBA_HEADER + "\n"
                + "# TYPE  DATABASE  USER  ADDRESS        METHOD\n"
                + "local   all       all                  scram-sha-256\n"
                + "host    all       all   127.0.0.1/32   scram-sha-256\n";
    }

    private void setSuperuserPassword(Path dataDirectory) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        // as zonky does: PostgreSQL refuses to run as root, so root runs it in a user namespace
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(
                postgresBinary().toString(), "--single", "-D", dataDirectory.toString(), DatabasePasswords.SUPERUSER));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream()
                .write(("alter role " + DatabasePasswords.SUPERUSER + " password '"
                                + DatabasePasswords.scramVerifier(passwords.of(DatabasePasswords.SUPERUSER)) + "'\n")
                        .getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("PostgreSQL single-user mode did not finish in 120 s");
        }
        if (process.exitValue() != 0 || output.contains("ERROR:") || output.contains("FATAL:")) {
            throw new IOException("Could not set the superuser's password in single-user mode (exit "
                    + process.exitValue() + "):\n" + output);
        }
        log.debug("Superuser password set in single-user mode");
    }

    private Path postgresBinary() throws IOException {
        try (Stream<Path> found = Files.find(
                binaries,
                3,
                (path, attributes) -> path.endsWith(Path.of("bin", "postgres")) && attributes.isRegularFile())) {
            return found.findFirst().orElseThrow(() -> new IOException("No PostgreSQL binary under " + binaries));
        }
    }

    /** Creates the folder, or makes an existing one, readable and writable by the service's user only. */
    static Path privateFolder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder.getParent());
            Files.createDirectory(
                    folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        return folder;
    }
}
