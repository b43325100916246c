package com.membercard.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** The keys card secrets are hashed with: long enough, kept privately, rotatable. No Spring. */
class CardSecretsTest {

    private static final String KEY_1 = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String KEY_2 =
            Base64.getEncoder().encodeToString("k".repeat(32).getBytes());

    @TempDir
    Path dataDir;

    private CardSecrets secrets(String key, int version, String previous) {
        return new CardSecrets(new SecretKeyProperties(key, version, previous, dataDir), new BCryptPasswordEncoder(4));
    }

    @Test
    void aConfiguredKeyShorterThan32BytesStopsTheStart() {
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> secrets(short16, 1, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least 32 bytes");
    }

    @Test
    void aGeneratedKeyIsWrittenPrivatelyOnceAndReadAgain() throws Exception {
        CardSecrets first = secrets(null, 1, null);
        Path file = dataDir.resolve("card-secret.key");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
        assertThat(secrets(null, 1, null).hash("a-secret")).isEqualTo(first.hash("a-secret"));
        try (var files = Files.list(dataDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("card-secret.key");
        }
    }

    @Test
    void aSecretHashedWithARotatedKeyStillMatchesUnderItsVersion() {
        CardSecrets before = secrets(KEY_1, 1, null);
        byte[] oldHash = before.hash("member-secret-1");
        CardSecrets after = secrets(KEY_2, 2, "1:" + KEY_1);

        assertThat(after.currentKeyVersion()).isEqualTo(2);
        assertThat(after.secretMatches("member-secret-1", oldHash, 1)).isTrue();
        assertThat(after.secretMatches("member-secret-1", oldHash, 2)).isFalse();
        assertThat(after.secretMatches("another-secret", oldHash, 1)).isFalse();
        assertThat(after.hashesUnderEveryKey("member-secret-1"))
                .hasSize(2)
                .anySatisfy(h -> assertThat(h).isEqualTo(oldHash));
        assertThat(after.hash("member-secret-1")).isNotEqualTo(oldHash);
    }

    @Test
    void theCurrentVersionCannotAlsoBeAPreviousOne() {
        assertThatThrownBy(() -> secrets(KEY_2, 1, "1:" + KEY_1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyALongSecretKeepsItsLastFourAndGeneratedSecretsAreLong() {
        assertThat(CardSecrets.lastFour("eleven-char")).isNull();
        assertThat(CardSecrets.lastFour("twelve-chars")).isEqualTo("hars");
        assertThat(CardSecrets.masked(null)).isEqualTo("****");

        String generated = CardSecrets.generate();
        assertThat(generated).hasSize(20).matches("[0-9A-HJKMNP-TV-Z]+");
        assertThat(CardSecrets.generate()).isNotEqualTo(generated);
    }
}
