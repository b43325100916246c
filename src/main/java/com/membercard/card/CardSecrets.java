package com.membercard.card;

import com.membercard.shared.KeyFiles;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * How card secrets and PINs are kept. A secret ({@code mac}) is stored as HMAC-SHA256 under a
 * server key, with the key's version beside it, so that a card can still be found by its secret
 * without the secret being stored and the key can be rotated; plus its last 4 characters for
 * display when it is long enough to stay secret without them. A PIN is short, so it gets a slow hash
 * instead. The server also draws secrets for cards opened without one.
 */
@Component
public class CardSecrets {

    /** The key length asked of a configured key and drawn for a generated one: HMAC-SHA256's block of entropy. */
    static final int KEY_BYTES = 32;
    /** Below this length the last 4 characters would give away too much of a secret: none are kept. */
    static final int LAST_FOUR_FROM = 12;
    /** Generated secrets: 20 characters of an alphabet without look-alikes (5 bits each, 100 bits). */
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private static final int GENERATED_LENGTH = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int currentVersion;
    /** An HMAC keyed with each key kept, by version: copied for each use (cheaper than a new one, issue 11). */
    private final Map<Integer, Mac> keys;

    private final PasswordEncoder slowHash;

    CardSecrets(SecretKeyProperties properties, PasswordEncoder slowHash) {
        this.currentVersion = properties.secretKeyVersion();
        this.keys = new TreeMap<>();
        keyring(properties).forEach((version, key) -> keys.put(version, keyed(key)));
        this.slowHash = slowHash;
    }

    /** The hash of a secret under the current key, as a new card stores it. */
    byte[] hash(String secret) {
        return hash(keys.get(currentVersion), secret);
    }

    int currentKeyVersion() {
        return currentVersion;
    }

    /** The secret's hash under every key kept, to find a card by its secret whichever key hashed it. */
    List<byte[]> hashesUnderEveryKey(String secret) {
        return keys.values().stream().map(key -> hash(key, secret)).toList();
    }

    /** Compares in constant time, so the time taken tells nothing of how much of a guess was right. */
    boolean secretMatches(String secret, byte[] macHash, int keyVersion) {
        Mac key = keys.get(keyVersion);
        return macHash != null && key != null && MessageDigest.isEqual(hash(key, secret), macHash);
    }

    /** The last 4 characters kept for display, or none for a secret too short to give them away. */
    static String lastFour(String secret) {
        return secret.length() < LAST_FOUR_FROM ? null : secret.substring(secret.length() - 4);
    }

    /** {@code ****1234}: all anyone ever sees of a secret ({@code ****} when not even that is kept). */
    public static String masked(String lastFour) {
        return "****" + (lastFour == null ? "" : lastFour);
    }

    /** A new secret for a card opened without one. */
    static String generate() {
        StringBuilder secret = new StringBuilder(GENERATED_LENGTH);
        for (int i = 0; i < GENERATED_LENGTH; i++) {
            secret.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return secret.toString();
    }

    String hashPin(String pin) {
        return slowHash.encode(pin);
    }

    boolean pinMatches(String pin, String pinHash) {
        return pinHash != null && slowHash.matches(pin, pinHash);
    }

    private static byte[] hash(Mac keyed, String secret) {
        try {
            return ((Mac) keyed.clone()).doFinal(secret.getBytes(StandardCharsets.UTF_8));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Mac keyed(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<Integer, SecretKeySpec> keyring(SecretKeyProperties properties) {
        Map<Integer, SecretKeySpec> keys = new TreeMap<>();
        if (StringUtils.hasText(properties.previousSecretKeys())) {
            for (String entry : properties.previousSecretKeys().split(",")) {
                String[] versionAndKey = entry.strip().split(":", 2);
                if (versionAndKey.length != 2) {
                    throw new IllegalStateException(
                            "MEMBERCARD_PREVIOUS_SECRET_KEYS: each entry is version:base64, not " + entry.strip());
                }
                int version = Integer.parseInt(versionAndKey[0].strip());
                keys.put(version, spec(Base64.getDecoder().decode(versionAndKey[1].strip())));
            }
        }
        if (keys.containsKey(properties.secretKeyVersion())) {
            throw new IllegalStateException("MEMBERCARD_PREVIOUS_SECRET_KEYS names the current key's version "
                    + properties.secretKeyVersion() + " (MEMBERCARD_SECRET_KEY_VERSION)");
        }
        keys.put(properties.secretKeyVersion(), spec(currentKey(properties)));
        return keys;
    }

    private static byte[] currentKey(SecretKeyProperties properties) {
        byte[] key = StringUtils.hasText(properties.secretKey())
                ? Base64.getDecoder().decode(properties.secretKey().strip())
                : KeyFiles.loadOrCreate(properties.dataDir().resolve("card-secret.key"), KEY_BYTES);
        if (key.length < KEY_BYTES) {
            throw new IllegalStateException("The card secret key must be at least " + KEY_BYTES
                    + " bytes (base64 of " + KEY_BYTES + " random bytes, e.g. `openssl rand -base64 32`); it has "
                    + key.length);
        }
        return key;
    }

    private static SecretKeySpec spec(byte[] key) {
        return new SecretKeySpec(key, "HmacSHA256");
    }
}
