package com.membercard.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The generated passwords of the embedded PostgreSQL's three roles, in {@code
 * <MEMBERCARD_DATA_DIR>/postgres.pgpass}, readable and writable by the service's user only (0600).
 * The file is in libpq's password file format ({@code host:port:database:user:password}), so psql,
 * pgbench and the bench scripts use it as it is: {@code PGPASSFILE=<data dir>/postgres.pgpass psql
 * -h 127.0.0.1 -p <port> -U membercard_app membercard}.
 *
 * <p>The file is the truth: at every start the server's roles are given these passwords (see {@link
 * ServerLock} for the superuser, {@link DatabaseRoles} for the others). A lost file therefore costs
 * nothing but new passwords at the next start; the data is untouched.
 */
final class DatabasePasswords {

    static final String FILE_NAME = "postgres.pgpass";
    static final String SUPERUSER = "postgres";
    static final String OWNER = "membercard_owner";
    static final String APP = "membercard_app";

    private static final Logger log = LoggerFactory.getLogger(DatabasePasswords.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final List<String> ROLES = List.of(SUPERUSER, OWNER, APP);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final Map<String, String> passwords;

    private DatabasePasswords(Path file, Map<String, String> passwords) {
        this.file = file;
        this.passwords = passwords;
    }

    /** Reads the file, adding a generated password for any role it lacks (a new file is 0600 from birth). */
    static DatabasePasswords readOrCreate(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        Map<String, String> passwords = new LinkedHashMap<>();
        if (Files.exists(file)) {
            if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                log.warn("{} was readable by others; it is 0600 again (change the passwords if in doubt)", file);
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] fields = line.split(":", 5);
                if (!line.startsWith("#") && fields.length == 5 && ROLES.contains(fields[3])) {
                    passwords.put(fields[3], fields[4]);
                }
            }
        }
        boolean complete = passwords.keySet().containsAll(ROLES);
        for (String role : ROLES) {
            passwords.computeIfAbsent(role, r -> generate());
        }
        if (!complete) {
            write(file, passwords);
        }
        return new DatabasePasswords(file, passwords);
    }

    Path file() {
        return file;
    }

    String of(String role) {
        return passwords.get(role);
    }

    /**
     * What PostgreSQL stores for a password, computed here so that the password itself never
     * travels to the server, nor stands in a statement it might log (RFC 5802/7677 with
     * PostgreSQL's 4096 iterations; the generated passwords are ASCII, which SASLprep leaves as is).
     */
    static String scramVerifier(String password) {
        try {
            byte[] salt = new byte[16];
            RANDOM.nextBytes(salt);
            int iterations = 4096;
            byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256))
                    .getEncoded();
            byte[] clientKey = hmac(salted, "Client Key");
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
            byte[] serverKey = hmac(salted, "Server Key");
            Base64.Encoder base64 = Base64.getEncoder();
            return "SCRAM-SHA-256$" + iterations + ":" + base64.encodeToString(salt) + "$"
                    + base64.encodeToString(storedKey) + ":" + base64.encodeToString(serverKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SCRAM-SHA-256 is not available", e);
        }
    }

    private static byte[] hmac(byte[] key, String message) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message.getBytes(StandardCharsets.US_ASCII));
    }

    /** 32 random bytes, base64url: no character that the pgpass format would need to escape. */
    private static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void write(Path file, Map<String, String> passwords) throws IOException {
        StringBuilder text = new StringBuilder("""
                # The embedded PostgreSQL's generated passwords (libpq password file: PGPASSFILE=this file).
                # postgres: the superuser, used by the service at start-up only; membercard_owner: owns the
                # schema, runs the migrations; membercard_app: the running service. Keep this file 0600.
                """);
        passwords.forEach((role, password) ->
                text.append("*:*:*:").append(role).append(':').append(password).append('\n'));
        Path temporary = Files.createTempFile(
                file.getParent(), FILE_NAME, ".new", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
