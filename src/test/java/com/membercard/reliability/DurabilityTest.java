package com.membercard.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.support.Api;
import com.membercard.support.Fixtures;
import com.membercard.support.ServiceProcess;
import com.membercard.support.TillFixture;
import com.membercard.support.TillFixture.TestCard;
import java.nio.file.Files;
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

    private static final Map<String, String> ADMIN = Map.of(
            "MEMBERCARD_ADMIN_USERNAME", Fixtures.PLATFORM_ADMIN,
            "MEMBERCARD_ADMIN_PASSWORD", Fixtures.PLATFORM_PASSWORD);

    @TempDir
    Path temp;

    @Test
    void anAnsweredPaymentSurvivesKillingTheServiceAndTheDatabase() throws Exception {
        Path dataDir = temp.resolve("data");
        TestCard card;
        String tenantKey;
        try (ServiceProcess service = ServiceProcess.start(dataDir, ADMIN, Duration.ofSeconds(90))) {
            TillFixture till = TillFixture.create(Fixtures.on(service.baseUrl(), null), "PROPORTIONAL", 0, 0);
            card = till.card("100.00", "0");
            Api.Response paid = till.pay(card, "30.00", "DURABLE-1");
            assertThat(paid.status()).isEqualTo(200);

            killPostgres(dataDir);
            service.kill();
            tenantKey = till.till().credential();
        }

        try (ServiceProcess again = ServiceProcess.start(dataDir, ADMIN, Duration.ofSeconds(90))) {
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

    /** SIGKILL to the PostgreSQL of {@code dataDir} and every process it started. */
    private static void killPostgres(Path dataDir) throws Exception {
        long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"))
                .get(0)
                .strip());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        postmaster.descendants().forEach(ProcessHandle::destroyForcibly);
        postmaster.destroyForcibly();
        postmaster.onExit().get();
    }
}
