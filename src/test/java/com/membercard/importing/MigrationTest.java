package com.membercard.importing;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.shared.security.SecurityEvent;
import com.membercard.support.Api;
import com.membercard.support.Fixtures;
import com.membercard.support.Fixtures.TenantFixture;
import com.membercard.support.IntegrationTest;
import com.membercard.support.SecurityEvents;
import com.membercard.support.TillFixture;
import com.membercard.support.TillFixture.TestCard;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** op40 through HTTP: a tenant's members copied into another, the source untouched, a re-run idle. */
@IntegrationTest
class MigrationTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    SecurityEvents events;

    TillFixture source;
    TenantFixture target;

    @BeforeEach
    void twoTenants() {
        source = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        target = fixtures.tenant();
    }

    private JsonNode migrate() {
        Api.Response started = fixtures.platform()
                .post(
                        "/api/v1/tenants/migrate-members",
                        Map.of(
                                "tenantIdByMemberExport",
                                source.tenant.id(),
                                "tenantIdByMemberImport",
                                target.id(),
                                "shopId",
                                target.shopId()));
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        long jobId = started.data().path("jobId").asLong();
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(until)) {
            JsonNode job = fixtures.platform()
                    .get("/api/v1/tenants/" + target.id() + "/migrations/" + jobId)
                    .body();
            if (job.path("status").asString().equals("DONE")
                    || job.path("status").asString().equals("FAILED")) {
                return job;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("migration did not end");
    }

    private JsonNode member(Api api, String cardCode) {
        JsonNode page = api.get("/api/v1/members?keyword=" + cardCode).body();
        assertThat(page.path("data").size())
                .as("members with card %s", cardCode)
                .isEqualTo(1);
        return page.path("data").path(0);
    }

    @Test
    void membersCardsBalancesAndPointsArriveTheSecretWorksAndTheSourceIsUntouched() {
        TestCard rich = source.card("100.00", "20.00");
        assertThat(source.pay(rich, "30.00", Fixtures.unique("order")).status()).isEqualTo(200);
        TestCard plain = source.card();
        TestCard taken = source.card();
        String takenPhone =
                member(source.tenant.admin(), taken.code()).path("phone").asString();
        Fixtures.Catalogue targetCatalogue = Fixtures.catalogue(target);
        Fixtures.createdId(
                target.cashier().post("/api/v1/members", Fixtures.member(targetCatalogue, "phone", takenPhone)));
        JsonNode before = member(source.tenant.admin(), rich.code());
        String sourceBefore =
                source.tenant.admin().get("/api/v1/members?pageSize=100").raw();

        JsonNode job = migrate();

        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("DONE");
        assertThat(job.path("rowsTotal").asInt()).isEqualTo(3);
        assertThat(job.path("rowsImported").asInt()).isEqualTo(2);
        assertThat(job.path("rowsSkipped").asInt())
                .as("the phone the target has already")
                .isEqualTo(1);
        JsonNode copied = member(target.admin(), rich.code());
        assertThat(copied.path("balance").decimalValue())
                .isEqualByComparingTo(before.path("balance").decimalValue());
        assertThat(copied.path("giveBalance").decimalValue())
                .isEqualByComparingTo(before.path("giveBalance").decimalValue());
        assertThat(copied.path("actualPoints").asLong())
                .isEqualTo(before.path("actualPoints").asLong())
                .isPositive();
        assertThat(copied.path("memberLevelName").asString())
                .isEqualTo(before.path("memberLevelName").asString());
        assertThat(copied.path("cardClassName").asString())
                .isEqualTo(before.path("cardClassName").asString());
        assertThat(copied.path("cardSendMode").asInt()).isEqualTo(4);
        assertThat(target.cashier()
                        .get("/api/v1/cards?cardCode=" + plain.code() + "&mac=" + plain.mac())
                        .http())
                .as("the member's own secret, never known here, works in the target")
                .isEqualTo(200);
        assertThat(source.tenant.admin().get("/api/v1/members?pageSize=100").raw())
                .isEqualTo(sourceBefore);
        JsonNode errors = fixtures.platform()
                .get("/api/v1/tenants/" + target.id() + "/migrations/"
                        + job.path("id").asLong() + "/errors")
                .body();
        assertThat(errors.path(0).path("column").asString()).isEqualTo("phone");
        assertThat(target.admin()
                        .get("/api/v1/import-jobs/" + job.path("id").asLong())
                        .http())
                .as("the target's administrators see the job")
                .isEqualTo(200);
        assertThat(events.count("member migration", SecurityEvent.Kind.MIGRATION))
                .isPositive();
    }

    @Test
    void runningItAgainCopiesNobodyTwice() {
        source.card("10.00", "0");
        source.card();

        JsonNode first = migrate();
        JsonNode second = migrate();

        assertThat(first.path("rowsImported").asInt()).as(first.toString()).isEqualTo(2);
        assertThat(second.path("rowsImported").asInt()).as(second.toString()).isZero();
        assertThat(second.path("rowsSkipped").asInt()).isEqualTo(2);
        assertThat(target.admin()
                        .get("/api/v1/members")
                        .body()
                        .path("totalCount")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    void onlyThePlatformMigratesAndNotIntoTheSameTenant() {
        Map<String, Object> body =
                Map.of("tenantIdByMemberExport", source.tenant.id(), "tenantIdByMemberImport", target.id());
        assertThat(target.admin().post("/api/v1/tenants/migrate-members", body).http())
                .isEqualTo(403);
        Api.Response same = fixtures.platform()
                .post(
                        "/api/v1/tenants/migrate-members",
                        Map.of("tenantIdByMemberExport", target.id(), "tenantIdByMemberImport", target.id()));
        assertThat(same.http()).isEqualTo(400);
    }
}
