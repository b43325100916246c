package com.membercard.scanpay;

import com.membercard.shared.KeyFiles;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Encrypts a tenant's gateway secrets (a merchant key, an application private key, an API
 * certificate) at rest with AES-256-GCM under a server key of its own: never the card-secret key,
 * which hashes, so that one key's loss or rotation does not touch the other. Each sealed value is a
 * fresh 12-byte nonce followed by the ciphertext and its tag, bound (as additional data) to the row
 * and field it belongs to, so a value copied into another tenant's row or another field does not open.
 */
@Component
class GatewaySecrets {

    /** A value as stored: the version of the key that sealed it, and nonce + ciphertext + tag. */
    record Sealed(int keyVersion, byte[] bytes) {

        @Override
        public String toString() {
            return "Sealed[keyVersion=" + keyVersion + "]";
        }
    }

    static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int currentVersion;
    private final Map<Integer, SecretKeySpec> keys;

    GatewaySecrets(GatewayKeyProperties properties) {
        this.currentVersion = properties.gatewayKeyVersion();
        this.keys = keyring(properties);
    }

    int currentKeyVersion() {
        return currentVersion;
    }

    /** Seals {@code secret} under the current key; {@code context} names its tenant, gateway and field. */
    Sealed seal(String secret, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentVersion), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return new Sealed(
                    currentVersion,
                    ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                            .put(nonce)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * Opens a sealed value; fails (without saying anything of the value) when its key is no longer
     * kept or it was altered or moved to another row or field.
     */
    String open(Sealed sealed, String context) {
        SecretKeySpec key = keys.get(sealed.keyVersion());
        if (key == null) {
            throw new IllegalStateException("The gateway key of version " + sealed.keyVersion()
                    + " is not configured (MEMBERCARD_PREVIOUS_GATEWAY_KEYS)");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.bytes(), 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(sealed.bytes(), NONCE_BYTES, sealed.bytes().length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A gateway secret does not open under its key (altered or moved)");
        }
    }

    private static Map<Integer, SecretKeySpec> keyring(GatewayKeyProperties properties) {
        Map<Integer, SecretKeySpec> keys = new TreeMap<>();
        if (StringUtils.hasText(properties.previousGatewayKeys())) {
            for (String entry : properties.previousGatewayKeys().split(",")) {
                String[] versionAndKey = entry.strip().split(":", 2);
                if (versionAndKey.length != 2) {
                    throw new IllegalStateException(
                            "MEMBERCARD_PREVIOUS_GATEWAY_KEYS: each entry is version:base64, not version:…");
                }
                keys.put(Integer.parseInt(versionAndKey[0].strip()), spec(decode(versionAndKey[1])));
            }
        }
        if (keys.containsKey(properties.gatewayKeyVersion())) {
            throw new IllegalStateException("MEMBERCARD_PREVIOUS_GATEWAY_KEYS names the current key's version "
                    + properties.gatewayKeyVersion() + " (MEMBERCARD_GATEWAY_KEY_VERSION)");
        }
        byte[] current = StringUtils.hasText(properties.gatewayKey())
                ? decode(properties.gatewayKey())
                : KeyFiles.loadOrCreate(properties.dataDir().resolve("gateway-secret.key"), KEY_BYTES);
        keys.put(properties.gatewayKeyVersion(), spec(current));
        return keys;
    }

    private static byte[] decode(String base64) {
        byte[] key = Base64.getDecoder().decode(base64.strip());
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException("A gateway key must be base64 of exactly " + KEY_BYTES
                    + " random bytes (`openssl rand -base64 32`); one has " + key.length);
        }
        return key;
    }

    private static SecretKeySpec spec(byte[] key) {
        return new SecretKeySpec(key, "AES");
    }
}
