package com.membercard.importing;

import com.membercard.shared.BusinessException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * Card secrets the server draws for rows without one must reach the administrator, yet the
 * database never holds a secret in clear: each job gets a key pair, the public half is stored with
 * the job and seals every drawn secret (RSA-OAEP, SHA-256), the private half is answered once by
 * op38 and kept nowhere. Whoever holds it opens the secrets ({@code /drawn-secrets}); without it
 * nobody can, the service included.
 */
final class SecretSeal {

    private static final String CIPHER = "RSA/ECB/OAEPWithSHA-256AndMGF1Padding";
    private static final OAEPParameterSpec OAEP =
            new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);

    private SecretSeal() {}

    /** A new key pair: the public key to store, the private key (base64 PKCS#8) to hand over. */
    record Keys(byte[] publicKey, String privateKey) {}

    static Keys newKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new Keys(
                    pair.getPublic().getEncoded(),
                    Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] seal(byte[] publicKey, String secret) {
        try {
            PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(publicKey));
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.ENCRYPT_MODE, key, OAEP);
            return cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Opens a sealed secret; a key that is not the job's answers 400 naming the header. */
    static String open(String privateKey, byte[] sealed) {
        try {
            PrivateKey key = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateKey.strip())));
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.DECRYPT_MODE, key, OAEP);
            return new String(cipher.doFinal(sealed), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw BusinessException.invalid("X-Secrets-Key", "error.import.secretsKey");
        }
    }
}
