package com.membercard.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.membercard.shared.security.SecurityEvent;
import com.membercard.shared.security.SecurityEvent.Kind;
import com.membercard.support.Api;
import com.membercard.support.Fixtures;
import com.membercard.support.Fixtures.TenantFixture;
import com.membercard.support.IntegrationTest;
import com.membercard.support.TillFixture;
import com.membercard.support.TillFixture.TestCard;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The security event log (issue 10, items 7 and 10): what is recorded, that it stays when the
 * request's transaction rolls back, that nothing changes or removes it, and who reads what.
 */
@IntegrationTest
class SecurityEventLogTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aCardLockedByWrongSecretsIsRecordedWithTheCardAndTheKeyThatLockedIt() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        TestCard card = till.card();

        lock(till.till(), card);

        JsonNode events = rows(till.tenant.admin().get("/api/v1/security-events?kind=CARD_LOCKED"));
        assertThat(events).hasSize(1);
        JsonNode locked = events.get(0);
        assertThat(locked.path("subject").asString()).isEqualTo(card.code());
        assertThat(locked.path("tenantId").asLong()).isEqualTo(till.tenant.id());
        assertThat(locked.path("apiKeyId").isNull()).as(locked.toString()).isFalse();
        assertThat(locked.path("clientAddress").asString()).isNotBlank();
        assertThat(locked.path("time").asString()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(locked.path("rolledBack").asBoolean()).isFalse();
    }

    @Test
    void anEventPublishedInATransactionThatRollsBackIsKeptAndSaysSo() {
        TenantFixture tenant = fixtures.tenant();
        String kept = Fixtures.unique("kept");
        String undone = Fixtures.unique("undone");
        String outside = Fixtures.unique("outside");
        TransactionTemplate transaction = new TransactionTemplate(transactions);

        transaction.executeWithoutResult(status -> publisher.publishEvent(event(tenant.id(), kept)));
        transaction.executeWithoutResult(status -> {
            publisher.publishEvent(event(tenant.id(), undone));
            status.setRollbackOnly();
        });
        publisher.publishEvent(event(tenant.id(), outside));

        JsonNode events = rows(tenant.admin().get("/api/v1/security-events?kind=MIGRATION"));
        assertThat(events.valueStream().map(e -> e.path("subject").asString() + "/" + e.path("rolledBack")))
                .containsExactly(outside + "/false", undone + "/true", kept + "/false");
    }

    @Test
    void theLogIsInsertOnly() {
        TenantFixture tenant = fixtures.tenant();
        publisher.publishEvent(event(tenant.id(), "x"));

        for (String change : List.of(
                "update security_event set subject = 'forged' where tenant_id = " + tenant.id(),
                "delete from security_event where tenant_id = " + tenant.id())) {
            assertThatThrownBy(() -> fixtures.jdbc().sql(change).update())
                    .as(change)
                    .isInstanceOf(DataAccessException.class)
                    .hasMessageContaining("insert-only");
        }
        // the service's role may not truncate at all (EmbeddedDatabaseAttackTest); the trigger
        // refuses it to the owner too
        assertThatThrownBy(() -> fixtures.jdbc().sql("truncate security_event").update())
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("permission denied");
        assertThat(subjects(tenant.admin().get("/api/v1/security-events?kind=MIGRATION")))
                .containsExactly("x");
    }

    @Test
    void eachTenantAdministratorReadsTheirTenantsEventsAndThePlatformItsOwn() {
        TenantFixture a = fixtures.tenant();
        TenantFixture b = fixtures.tenant();
        String ofA = Fixtures.unique("of-a");
        String ofThePlatform = Fixtures.unique("of-platform");
        publisher.publishEvent(event(a.id(), ofA));
        publisher.publishEvent(event(null, ofThePlatform));

        assertThat(subjects(a.admin().get("/api/v1/security-events")))
                .contains(ofA)
                .doesNotContain(ofThePlatform);
        assertThat(subjects(b.admin().get("/api/v1/security-events"))).doesNotContain(ofA, ofThePlatform);
        assertThat(subjects(b.admin().get("/api/v1/security-events?tenantId=" + a.id())))
                .as("tenantId is the platform's only")
                .doesNotContain(ofA);
        JsonNode platform = rows(fixtures.platform().get("/api/v1/security-events?pageSize=500"));
        assertThat(platform.valueStream().map(e -> e.path("subject").asString()))
                .contains(ofThePlatform)
                .doesNotContain(ofA);
        assertThat(platform.valueStream().allMatch(e -> e.path("tenantId").isNull()))
                .isTrue();
        assertThat(a.cashier().get("/api/v1/security-events").http()).isEqualTo(403);
        assertThat(a.auditor().get("/api/v1/security-events").http()).isEqualTo(403);
    }

    @Test
    void thePlatformReadingATenantsLogIsRecordedInThatLog() {
        TenantFixture a = fixtures.tenant();
        String ofA = Fixtures.unique("of-a");
        publisher.publishEvent(event(a.id(), ofA));

        assertThat(subjects(fixtures.platform().get("/api/v1/security-events?tenantId=" + a.id())))
                .contains(ofA);
        assertThat(fixtures.platform()
                        .get("/api/v1/security-events?tenantId=987654321")
                        .status())
                .isEqualTo(404);

        JsonNode reads = rows(a.admin().get("/api/v1/security-events?kind=CROSS_TENANT_READ"));
        assertThat(reads).hasSize(1);
        assertThat(reads.get(0).path("subject").asString()).isEqualTo("security events");
        assertThat(reads.get(0).path("operatorId").asLong()).isEqualTo(platformAdminId());
    }

    @Test
    void thePlatformsReadsOfATenantInOp04AndOp10AreRecordedAndEveryExport() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        long tenant = till.tenant.id();

        assertThat(fixtures.platform()
                        .get("/api/v1/card-classes/of-tenant?tenantId=" + tenant)
                        .http())
                .isEqualTo(200);
        assertThat(fixtures.platform()
                        .get("/api/v1/members/by-class?classId=" + till.classId + "&tenantId=" + tenant)
                        .http())
                .isEqualTo(200);
        assertThat(till.tenant
                        .cashier()
                        .get("/api/v1/members/by-class?classId=" + till.classId)
                        .http())
                .isEqualTo(200);
        assertThat(till.tenant
                        .admin()
                        .get("/api/v1/card-classes/of-tenant?tenantId=" + tenant)
                        .http())
                .as("a tenant's own read is no cross-tenant read")
                .isEqualTo(200);

        JsonNode reads = rows(till.tenant.admin().get("/api/v1/security-events?kind=CROSS_TENANT_READ"));
        assertThat(reads.valueStream().map(e -> e.path("detail").asString()))
                .containsExactly("op04 classId=" + till.classId, "op10");
        assertThat(reads.valueStream().map(e -> e.path("operatorId").asLong())).containsOnly(platformAdminId());
        JsonNode exports = rows(till.tenant.admin().get("/api/v1/security-events?kind=EXPORT"));
        assertThat(exports.valueStream().map(e -> e.path("detail").asString()))
                .containsExactly(
                        "op04 classId=" + till.classId + ", phone and ID card masked",
                        "op04 classId=" + till.classId + ", phone and ID card masked");
        assertThat(exports.get(0).path("apiKeyId").isNull())
                .as("the cashier's key")
                .isFalse();
        assertThat(exports.get(1).path("operatorId").asLong()).isEqualTo(platformAdminId());
    }

    @Test
    void theListFiltersByKindAndTimeNewestFirstAndPages() {
        TenantFixture tenant = fixtures.tenant();
        for (int i = 1; i <= 3; i++) {
            publisher.publishEvent(event(tenant.id(), "e" + i));
        }
        publisher.publishEvent(new SecurityEvent(tenant.id(), Kind.EXPORT, null, null, "export", null, null));
        Api admin = tenant.admin();

        Api.Response page = admin.get("/api/v1/security-events?kind=MIGRATION&pageSize=2&pageIndex=1");
        assertThat(subjects(page)).containsExactly("e3", "e2");
        assertThat(page.body().path("totalCount").asLong()).isEqualTo(3);
        assertThat(subjects(admin.get("/api/v1/security-events?kind=MIGRATION&pageSize=2&pageIndex=2")))
                .containsExactly("e1");
        assertThat(subjects(admin.get("/api/v1/security-events")))
                .filteredOn(List.of("export", "e3", "e2", "e1")::contains)
                .containsExactly("export", "e3", "e2", "e1");

        String today = rows(admin.get("/api/v1/security-events?kind=MIGRATION"))
                .get(0)
                .path("time")
                .asString()
                .substring(0, 10);
        String mine = "/api/v1/security-events?kind=MIGRATION&";
        assertThat(subjects(admin.get(mine + "startTime=" + today + "&endTime=" + today)))
                .hasSize(3);
        assertThat(subjects(admin.get(mine + "startTime=" + today + "%2000:00:00")))
                .hasSize(3);
        assertThat(subjects(admin.get(mine + "startTime=2099-01-01"))).isEmpty();
        assertThat(subjects(admin.get(mine + "endTime=2000-01-01%2023:59:59"))).isEmpty();

        for (String bad :
                List.of("kind=NO_SUCH_KIND", "startTime=yesterday", "startTime=2026-02-01&endTime=2026-01-01")) {
            Api.Response refused = admin.get("/api/v1/security-events?" + bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
        }
    }

    /** Five wrong secrets through op08: the fifth locks the card (610). */
    static void lock(Api till, TestCard card) {
        for (int i = 1; i <= 5; i++) {
            Api.Response answer = till.get("/api/v1/cards?cardCode=" + card.code() + "&mac=wrong-" + i);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(i < 5 ? 602 : 610);
        }
    }

    private static SecurityEvent event(Long tenantId, String subject) {
        return new SecurityEvent(tenantId, Kind.MIGRATION, null, null, subject, "192.0.2.1", null);
    }

    private long platformAdminId() {
        return fixtures.jdbc()
                .sql("select id from operator where lower(username) = lower(:username)")
                .param("username", Fixtures.PLATFORM_ADMIN)
                .query(Long.class)
                .single();
    }

    private static JsonNode rows(Api.Response page) {
        assertThat(page.http()).as(page.toString()).isEqualTo(200);
        return page.body().path("data");
    }

    private static List<String> subjects(Api.Response page) {
        return rows(page).valueStream().map(e -> e.path("subject").asString()).toList();
    }
}
