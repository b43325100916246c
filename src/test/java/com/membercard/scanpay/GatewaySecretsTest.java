package com.membercard.scanpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.membercard.scanpay.GatewaySecrets.Sealed;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sealing gateway secrets: AES-GCM under versioned server keys, bound to their row and field. */
class GatewaySecretsTest {

    static final String OLD_KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    static final String NEW_KEY = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes());
    static final String SECRET = "192006250b4c09247ec02edce69f6a2d";

    @TempDir
    Path dataDir;

    private GatewaySecrets secrets(String key, int version, String previous) {
        return new GatewaySecrets(new GatewayKeyProperties(key, version, previous, dataDir));
    }

    @Test
    void aSealedSecretOpensUnderItsKeyAndContextAndShowsNothingOfItself() {
        GatewaySecrets secrets = secrets(OLD_KEY, 1, null);
        Sealed sealed = secrets.seal(SECRET, "t:1:WECHAT:secret");

        assertThat(secrets.open(sealed, "t:1:WECHAT:secret")).isEqualTo(SECRET);
        assertThat(new String(sealed.bytes(), StandardCharsets.ISO_8859_1)).doesNotContain(SECRET.substring(0, 8));
        assertThat(sealed.toString()).doesNotContain(SECRET);
        assertThat(secrets.seal(SECRET, "t:1:WECHAT:secret").bytes()).isNotEqualTo(sealed.bytes());
    }

    @Test
    void aSealedSecretMovedToAnotherRowOrAlteredDoesNotOpen() {
        GatewaySecrets secrets = secrets(OLD_KEY, 1, null);
        Sealed sealed = secrets.seal(SECRET, "t:1:WECHAT:secret");

        assertThatThrownBy(() -> secrets.open(sealed, "t:2:WECHAT:secret"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining(SECRET);
        byte[] altered = sealed.bytes().clone();
        altered[altered.length - 1] ^= 1;
        assertThatThrownBy(() -> secrets.open(new Sealed(1, altered), "t:1:WECHAT:secret"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSecretSealedUnderARotatedKeyStillOpensAndNewOnesTakeTheCurrentKey() {
        Sealed old = secrets(OLD_KEY, 1, null).seal(SECRET, "c");
        GatewaySecrets rotated = secrets(NEW_KEY, 2, "1:" + OLD_KEY);

        assertThat(rotated.open(old, "c")).isEqualTo(SECRET);
        assertThat(rotated.seal(SECRET, "c").keyVersion()).isEqualTo(2);
        assertThatThrownBy(() -> secrets(NEW_KEY, 2, null).open(old, "c"))
                .hasMessageContaining("version 1 is not configured");
    }

    @Test
    void aKeyOfTheWrongLengthOrAKeyringNamingTheCurrentVersionStopsTheStart() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> secrets(shortKey, 1, null)).hasMessageContaining("exactly 32");
        assertThatThrownBy(() -> secrets(NEW_KEY, 2, "2:" + OLD_KEY)).hasMessageContaining("current key's version");
    }

    @Test
    void withoutAConfiguredKeyOneIsGeneratedOnceIntoAPrivateFile() throws Exception {
        Sealed sealed = secrets(null, 1, null).seal(SECRET, "c");

        Path file = dataDir.resolve("gateway-secret.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(secrets(null, 1, null).open(sealed, "c")).isEqualTo(SECRET);
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
    }
}
