package com.membercard.card;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The keys card secrets are hashed with (README "Card secret keys").
 *
 * @param secretKey base64 of the current HMAC key, at least 32 bytes ({@code MEMBERCARD_SECRET_KEY});
 *     when absent, one is generated once and kept in {@code <dataDir>/card-secret.key}. Every instance
 *     serving the same database needs the same keys, and losing one makes the secrets hashed with it
 *     unverifiable: back them up with the database
 * @param secretKeyVersion the current key's version ({@code MEMBERCARD_SECRET_KEY_VERSION}), stored
 *     beside every hash made with it
 * @param previousSecretKeys the keys rotated out, {@code version:base64,…}
 *     ({@code MEMBERCARD_PREVIOUS_SECRET_KEYS}): secrets hashed with them are still verified, and
 *     hashed again with the current key at their next correct presentation
 * @param dataDir where the generated key is kept
 */
@ConfigurationProperties("membercard")
record SecretKeyProperties(
        String secretKey,
        @DefaultValue("1") int secretKeyVersion,
        String previousSecretKeys,
        @DefaultValue("./data") Path dataDir) {}
