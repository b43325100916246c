package com.membercard.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A server key kept in a file of the data folder when none is configured: the card-secret key
 * (card) and the payment gateway key (scanpay) are made and read the same way.
 */
public final class KeyFiles {

    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyFiles() {}

    /**
     * The key in {@code file} (base64), or a new one of {@code length} random bytes written there: to a
     * private temporary file first, then linked into place, which fails if another instance got there
     * first (then its key is taken), so the file is never seen half written or readable by others.
     */
    public static byte[] loadOrCreate(Path file, int length) {
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file).strip());
            }
            byte[] generated = new byte[length];
            RANDOM.nextBytes(generated);
            Files.createDirectories(file.getParent());
            Path draft = Files.createTempFile(
                    file.getParent(),
                    "." + file.getFileName(),
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(draft, Base64.getEncoder().encodeToString(generated));
                try (FileChannel channel = FileChannel.open(draft, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
                Files.createLink(file, draft);
                return generated;
            } catch (FileAlreadyExistsException e) {
                return Base64.getDecoder().decode(Files.readString(file).strip());
            } finally {
                Files.deleteIfExists(draft);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the key " + file, e);
        }
    }
}
