package com.membercard.card;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.support.Fixtures;
import com.membercard.support.Fixtures.Catalogue;
import com.membercard.support.Fixtures.TenantFixture;
import com.membercard.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Neither a card's secret nor its PIN appears in any answer or any log line, whatever happens. */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class SecretsNeverLoggedTest {

    private static final String SECRET = "Zq9-very-secret-card-mac";
    private static final String PIN = "864213";

    @Autowired
    Fixtures fixtures;

    @Test
    void secretsStayOutOfAnswersAndLogs(CapturedOutput output) {
        TenantFixture tenant = fixtures.tenant();
        Catalogue catalogue = Fixtures.catalogue(tenant);
        Map<String, Object> body = Fixtures.member(catalogue, "cardMac", SECRET, "cardPassword", PIN);
        String cardCode = (String) body.get("cardCode");

        StringBuilder answers = new StringBuilder();
        answers.append(tenant.cashier().post("/api/v1/members", body).raw());
        answers.append(tenant.cashier().post("/api/v1/members", body).raw()); // a conflict
        answers.append(tenant.cashier().get("/api/v1/cards?mac=" + SECRET).raw());
        answers.append(tenant.cashier()
                .get("/api/v1/cards?cardCode=" + cardCode + "&mac=" + SECRET)
                .raw());
        answers.append(
                tenant.cashier().get("/api/v1/members/search?mac=" + SECRET).raw());
        answers.append(
                tenant.cashier().get("/api/v1/members?keyword=" + cardCode).raw());
        answers.append(tenant.cashier()
                .post("/api/v1/cards/cancel-loss", Map.of("cardCode", cardCode, "mac", SECRET, "timestamp", "T1"))
                .raw());
        answers.append(tenant.cashier()
                .post("/api/v1/cards/cancel-loss", Map.of("cardCode", cardCode, "mac", SECRET + "x", "timestamp", "T2"))
                .raw());

        assertThat(answers.toString())
                .contains("****-mac")
                .doesNotContain(SECRET)
                .doesNotContain(PIN);
        assertThat(output.getAll()).doesNotContain(SECRET).doesNotContain(PIN);
    }
}
