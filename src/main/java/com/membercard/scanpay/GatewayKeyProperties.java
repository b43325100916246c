package com.membercard.scanpay;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The server keys that the tenants' payment gateway secrets are encrypted with (README "Payment
 * gateway keys").
 *
 * @param gatewayKey base64 of the current AES key, 32 bytes ({@code MEMBERCARD_GATEWAY_KEY}); when
 *     absent, one is generated once and kept in {@code <dataDir>/gateway-secret.key}. Every instance
 *     serving the same database needs the same keys, and a lost key makes the secrets sealed with it
 *     unreadable (the tenant enters them again): back it up apart from the database
 * @param gatewayKeyVersion the current key's version ({@code MEMBERCARD_GATEWAY_KEY_VERSION}), stored
 *     beside every secret sealed with it
 * @param previousGatewayKeys the keys rotated out, {@code version:base64,…}
 *     ({@code MEMBERCARD_PREVIOUS_GATEWAY_KEYS}): secrets sealed with them are still opened, and sealed
 *     again with the current key at start-up
 * @param dataDir where the generated key is kept
 */
@ConfigurationProperties("membercard")
record GatewayKeyProperties(
        String gatewayKey,
        @DefaultValue("1") int gatewayKeyVersion,
        String previousGatewayKeys,
        @DefaultValue("./data") Path dataDir) {}
