package com.membercard.card;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.support.Api;
import com.membercard.support.Fixtures;
import com.membercard.support.IntegrationTest;
import com.membercard.support.TillFixture;
import com.membercard.support.TillFixture.TestCard;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The service runs with key version 2 and version 1 rotated out (IntegrationTest): a card whose
 * secret was hashed with the old key is still found and proved, and its hash is made again with the
 * current key at that correct presentation.
 */
@IntegrationTest
class CardSecretRotationTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aSecretHashedWithTheOldKeyWorksAndIsHashedAgainWithTheCurrentOne() throws Exception {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        TestCard card = till.card("10.00", "0");
        byte[] oldHash = hmac(Base64.getDecoder().decode(Fixtures.PREVIOUS_SECRET_KEY), card.mac());
        jdbc.sql("update card set mac_hash = :hash, mac_key_version = 1 where code = :code")
                .param("hash", oldHash)
                .param("code", card.code())
                .update();

        Api.Response bySecretAlone = till.till().get("/api/v1/cards?mac=" + card.mac());
        assertThat(bySecretAlone.http()).as(bySecretAlone.toString()).isEqualTo(200);
        assertThat(version(card))
                .as("a lookup by the secret alone re-hashes too")
                .isEqualTo(2);

        jdbc.sql("update card set mac_hash = :hash, mac_key_version = 1 where code = :code")
                .param("hash", oldHash)
                .param("code", card.code())
                .update();
        assertThat(till.pay(card, "1.00", "ROTATED-1").status()).isEqualTo(200);
        assertThat(version(card)).isEqualTo(2);
        assertThat(jdbc.sql("select mac_hash from card where code = :code")
                        .param("code", card.code())
                        .query(byte[].class)
                        .single())
                .isNotEqualTo(oldHash);
        assertThat(till.pay(card, "1.00", "ROTATED-2").status())
                .as("and goes on working")
                .isEqualTo(200);
        assertThat(till.pay(new TestCard(card.code(), "not-the-secret", 0), "1.00", "ROTATED-3")
                        .status())
                .isEqualTo(602);
    }

    private int version(TestCard card) {
        return jdbc.sql("select mac_key_version from card where code = :code")
                .param("code", card.code())
                .query(Integer.class)
                .single();
    }

    private static byte[] hmac(byte[] key, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(secret.getBytes(StandardCharsets.UTF_8));
    }
}
