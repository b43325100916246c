package com.membercard.card;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param secretKey base64 of the HMAC key for card secrets ({@code MEMBERCARD_SECRET_KEY}); when
 *     absent, one is generated once and kept in {@code <dataDir>/card-secret.key}. Every instance
 *     serving the same database needs the same key, and losing it makes every stored secret
 *     unverifiable: back it up with the database.
 * @param dataDir where the generated key is kept
 */
@ConfigurationProperties("membercard")
record SecretKeyProperties(
        String secretKey, @DefaultValue("./data") Path dataDir) {}
