package com.membercard.card;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * How card secrets and PINs are kept. A secret ({@code mac}) is stored as HMAC-SHA256 under a
 * server key, so a card can still be found by its secret without the secret being stored, plus its
 * last 4 characters for display. A PIN is short, so it gets a slow hash instead.
 */
@Component
public class CardSecrets {

    private final SecretKeySpec key;
    private final PasswordEncoder slowHash;

    CardSecrets(SecretKeyProperties properties, PasswordEncoder slowHash) {
        this.key = new SecretKeySpec(loadOrCreateKey(properties), "HmacSHA256");
        this.slowHash = slowHash;
    }

    byte[] hash(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(secret.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String lastFour(String secret) {
        return secret.length() <= 4 ? secret : secret.substring(secret.length() - 4);
    }

    /** {@code ****1234}: all anyone ever sees of a secret. */
    public static String masked(String lastFour) {
        return lastFour == null ? "" : "****" + lastFour;
    }

    /** Compares in constant time, so the time taken tells nothing of how much of a guess was right. */
    boolean secretMatches(String secret, byte[] macHash) {
        return macHash != null && MessageDigest.isEqual(hash(secret), macHash);
    }

    String hashPin(String pin) {
        return slowHash.encode(pin);
    }

    boolean pinMatches(String pin, String pinHash) {
        return pinHash != null && slowHash.matches(pin, pinHash);
    }

    private static byte[] loadOrCreateKey(SecretKeyProperties properties) {
        if (StringUtils.hasText(properties.secretKey())) {
            return Base64.getDecoder().decode(properties.secretKey().strip());
        }
        Path file = properties.dataDir().resolve("card-secret.key");
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file).strip());
            }
            byte[] generated = new byte[32];
            new SecureRandom().nextBytes(generated);
            Files.createDirectories(file.getParent());
            Files.writeString(file, Base64.getEncoder().encodeToString(generated), StandardOpenOption.CREATE_NEW);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the card secret key " + file, e);
        }
    }
}
