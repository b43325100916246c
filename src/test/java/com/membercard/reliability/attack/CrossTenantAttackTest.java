package com.membercard.reliability.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.reliability.attack.Attack.Request;
import com.membercard.reliability.attack.TargetTenant.Who;
import com.membercard.support.AdminResource;
import com.membercard.support.Api;
import com.membercard.support.Fixtures;
import com.membercard.support.Fixtures.TenantFixture;
import com.membercard.support.IntegrationTest;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Tenant B's credentials on tenant A's objects, through every attack of the table and every role
 * of B the access rules let through: B gets the documented refusal (404, 602 for a card, 608 for a
 * gift, 403 on the platform's endpoints), or on operations of its own tenant (lists, creates,
 * settings) nothing of A; no answer to B contains A's canary; and not a row of A changes.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossTenantAttackTest {

    private static final Set<Who> ROLES_OF_A_TENANT = EnumSet.of(Who.TENANT_ADMIN, Who.CASHIER, Who.AUDITOR);

    @Autowired
    Fixtures fixtures;

    TargetTenant a;
    TargetTenant b;

    @BeforeAll
    void twoTenants() {
        a = TargetTenant.create(fixtures);
        b = TargetTenant.create(fixtures);
    }

    /** Each attack by each role of B allowed to make it; by B's administrator where only the platform is. */
    Stream<Arguments> everyAttackByTenantB() {
        return Attack.all().stream().flatMap(attack -> {
            Set<Who> roles = EnumSet.copyOf(ROLES_OF_A_TENANT);
            roles.retainAll(attack.allowed());
            return (roles.isEmpty() ? Set.of(Who.TENANT_ADMIN) : roles).stream().map(who -> Arguments.of(attack, who));
        });
    }

    @ParameterizedTest(name = "{0} by tenant B's {1}")
    @MethodSource("everyAttackByTenantB")
    void anotherTenantIsRefusedSeesNothingAndChangesNothing(Attack attack, Who who) {
        Request request = attack.request().apply(a, b);
        Api caller = attack.endsSession() ? b.freshSession(who) : b.as(who);
        Map<String, String> before = a.state();

        Api.Response answer = request.sendAs(caller);

        assertThat(Attack.outcome(answer)).as(answer.toString()).isIn(attack.otherTenantGets());
        assertThat(answer.raw()).as("what B sees").doesNotContain(a.canary);
        assertThat(a.state()).as("A's rows").isEqualTo(before);
    }

    @Test
    void thePlatformAdministratorIsTheOneCallerThatNamesATenant() {
        long id = AdminResource.idOf(a.admin().post("/api/v1/card-classes", Fixtures.cardClass("银卡")));

        Api.Response answer = fixtures.platform().get("/api/v1/card-classes/of-tenant?tenantId=" + a.id);

        assertThat(ids(answer)).contains(id);
        assertThat(fixtures.platform().get("/api/v1/card-classes/of-tenant").status())
                .isEqualTo(400);
        assertThat(fixtures.platform()
                        .get("/api/v1/card-classes/of-tenant?tenantId=999999999")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void tenantBNeverReadsTheEventsOfA() {
        String ofA = "/api/v1/security-events?pageSize=500&tenantId=" + a.id;
        assertThat(events(a.admin().get(ofA)))
                .as("A's log holds the canary (its locked card), so B's reads below could show it")
                .anyMatch(event -> event.path("subject").asString().equals(a.lockedCard.code()));

        Api.Response seenByB = b.admin().get(ofA);

        assertThat(seenByB.raw()).doesNotContain(a.canary);
        assertThat(events(seenByB))
                .isNotEmpty()
                .allMatch(event -> event.path("tenantId").asLong() == b.id);
        assertThat(b.admin().get("/api/v1/security-events?kind=CARD_LOCKED").raw())
                .contains(b.lockedCard.code())
                .doesNotContain(a.canary);
    }

    private static List<JsonNode> events(Api.Response page) {
        assertThat(page.http()).as(page.toString()).isEqualTo(200);
        return page.body().path("data").valueStream().toList();
    }

    /** Tenants of their own: the table's attacks change B's settings. */
    @Test
    void settingsOfOneTenantDoNotLeakIntoAnother() {
        TenantFixture one = fixtures.tenant();
        TenantFixture other = fixtures.tenant();

        one.admin().put("/api/v1/settings/scan-pay-enabled", "true");

        assertThat(one.cashier().get("/api/v1/settings/scan-pay-enabled").body().asBoolean())
                .isTrue();
        assertThat(other.cashier()
                        .get("/api/v1/settings/scan-pay-enabled")
                        .body()
                        .asBoolean())
                .isFalse();
    }

    private static List<Long> ids(Api.Response list) {
        assertThat(list.http()).as(list.toString()).isEqualTo(200);
        return list.body().valueStream().map(node -> node.path("id").asLong()).toList();
    }
}
