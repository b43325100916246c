package com.membercard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.Application;
import com.membercard.support.Api;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** MEMBERCARD_DEMO=true on an empty database, followed by the README's walk-through as written. */
@ExtendWith(OutputCaptureExtension.class)
class DemoDataTest {

    @TempDir
    Path dataDir;

    @Test
    void theDemoTenantAnswersTheReadmeWalkThrough(CapturedOutput output) {
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(Application.class)
                .run(
                        "--server.port=0",
                        "--membercard.data-dir=" + dataDir,
                        "--membercard.database-fsync=false",
                        "--membercard.demo=true")) {
            Matcher key = Pattern.compile("export MEMBERCARD_KEY=(mk_\\S+)").matcher(output.getAll());
            assertThat(key.find()).as("the key is printed for the walk-through").isTrue();
            Api pos = Api.at("http://localhost:" + service.getEnvironment().getProperty("local.server.port"))
                    .as(key.group(1));

            JsonNode classes = pos.get("/api/v1/card-classes").body();
            JsonNode page = pos.get("/api/v1/members?pageSize=2").body();
            JsonNode found = pos.get("/api/v1/members/search?keyword=DEMO00004").body();
            JsonNode card = pos.get("/api/v1/cards?cardCode=DEMO000001&mac=demo-secret-000001")
                    .body();
            Api.Response lost = pos.post(
                    "/api/v1/cards/report-loss",
                    Map.of("cardCode", "DEMO000002", "remark", "顾客挂失", "timestamp", "demo-0001"));
            Api.Response again = pos.post(
                    "/api/v1/cards/report-loss",
                    Map.of("cardCode", "DEMO000002", "remark", "顾客挂失", "timestamp", "demo-0001"));

            assertThat(classes.size()).isEqualTo(2);
            assertThat(page.path("totalCount").asLong()).isEqualTo(DemoData.MEMBERS);
            assertThat(found.size()).isEqualTo(10);
            assertThat(card.path("code").asString()).isEqualTo("DEMO000001");
            assertThat(lost.status()).isEqualTo(200);
            assertThat(again.status()).isEqualTo(801);

            // the first day at the till went through the ledger: DEMO000003 recharged by the plan
            // (100 + 10 given), DEMO000002 recharged 124.00 and paid 14.50 from it
            assertThat(pos.get("/api/v1/cards?cardCode=DEMO000003")
                            .body()
                            .path("balance")
                            .decimalValue())
                    .isEqualByComparingTo("110.00");
            assertThat(pos.get("/api/v1/cards?cardCode=DEMO000002")
                            .body()
                            .path("balance")
                            .decimalValue())
                    .isEqualByComparingTo("109.50");
        }
    }

    @Test
    void aDatabaseWithTenantsGetsNoDemo(CapturedOutput output) {
        String[] arguments = {
            "--server.port=0",
            "--membercard.data-dir=" + dataDir,
            "--membercard.database-fsync=false",
            "--membercard.demo=true"
        };
        new SpringApplicationBuilder(Application.class).run(arguments).close();
        try (ConfigurableApplicationContext again = new SpringApplicationBuilder(Application.class).run(arguments)) {
            assertThat(output.getAll()).contains("Demo data skipped");
        }
    }
}
