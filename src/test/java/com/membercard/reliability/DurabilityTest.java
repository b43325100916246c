package com.membercard.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.support.Api;
import com.membercard.support.Fixtures;
import com.membercard.support.ServiceProcess;
import com.membercard.support.TillFixture;
import com.membercard.support.TillFixture.TestCard;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise of DOMAIN.md "Concurrency and durability", with the production settings (fsync and
 * synchronous commit on, the defaults): a payment answered 200 is still there after the service
 * and its PostgreSQL are both killed with SIGKILL right after the answer.
 */
class DurabilityTest {

    @TempDir
    Path temp;

    @Test
    void anAnsweredPaymentSurvivesKillingTheServiceAndTheDatabase() throws Exception {
        Path dataDir = temp.resolve("data");
        TestCard card;
        String tenantKey;
        try (ServiceProcess service =
                ServiceProcess.start(dataDir, Fixtures.PLATFORM_ADMIN_ENVIRONMENT, Duration.ofSeconds(90))) {
            TillFixture till = TillFixture.create(Fixtures.on(service.baseUrl(), null), "PROPORTIONAL", 0, 0);
            card = till.card("100.00", "0");
            Api.Response paid = till.pay(card, "30.00", "DURABLE-1");
            assertThat(paid.status()).isEqualTo(200);

            service.killDatabase();
            Api.Response meanwhile = till.pay(card, "30.00", "DURABLE-2");
            assertThat(meanwhile.http()).as("the database is down: retry later").isEqualTo(503);
            assertThat(meanwhile.status()).isEqualTo(503);
            // a key the service has not seen lately is looked up by a filter, before any controller
            Api.Response unseenKey = service.api().as("mk_" + "x".repeat(43)).get("/api/v1/shops");
            assertThat(unseenKey.http())
                    .as("a credential not cached: retry later")
                    .isEqualTo(503);
            assertThat(unseenKey.status()).isEqualTo(503);
            service.kill();
            tenantKey = till.till().credential();
        }

        try (ServiceProcess again =
                ServiceProcess.start(dataDir, Fixtures.PLATFORM_ADMIN_ENVIRONMENT, Duration.ofSeconds(90))) {
            Api till = again.api().as(tenantKey);
            assertThat(till.get("/api/v1/cards?cardCode=" + card.code())
                            .body()
                            .path("actualBalance")
                            .decimalValue())
                    .isEqualByComparingTo("70.00");
            assertThat(till.post(
                                    "/api/v1/card-payments",
                                    Map.of(
                                            "cardCode",
                                            card.code(),
                                            "mac",
                                            card.mac(),
                                            "money",
                                            "30.00",
                                            "code",
                                            "DURABLE-1"))
                            .status())
                    .as("the retry learns it went through")
                    .isEqualTo(801);
        }
    }
}
