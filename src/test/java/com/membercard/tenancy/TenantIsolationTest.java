package com.membercard.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.support.AdminResource;
import com.membercard.support.Api;
import com.membercard.support.Fixtures;
import com.membercard.support.Fixtures.TenantFixture;
import com.membercard.support.IntegrationTest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Tenant B's credentials never reach tenant A's objects: every read, update and delete by id answers
 * 404 and changes nothing, and B's lists never show A's rows. One case per resource and verb.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationTest {

    @Autowired
    Fixtures fixtures;

    TenantFixture a;
    TenantFixture b;

    @BeforeAll
    void twoTenants() {
        a = fixtures.tenant();
        b = fixtures.tenant();
    }

    static Stream<AdminResource> resources() {
        return AdminResource.ALL.stream();
    }

    @ParameterizedTest(name = "GET {0}/id of another tenant")
    @MethodSource("resources")
    void readingAnotherTenantsObjectAnswers404(AdminResource resource) {
        long id = AdminResource.idOf(a.admin().post(resource.path(), resource.newBody()));

        Api.Response answer = b.admin().get(resource.path() + "/" + id);

        assertThat(answer.http()).isEqualTo(404);
        assertThat(answer.status()).isEqualTo(404);
    }

    @ParameterizedTest(name = "PUT {0}/id of another tenant")
    @MethodSource("resources")
    void updatingAnotherTenantsObjectAnswers404AndChangesNothing(AdminResource resource) {
        long id = AdminResource.idOf(a.admin().post(resource.path(), resource.newBody()));
        JsonNode before = a.admin().get(resource.path() + "/" + id).body();

        Api.Response answer = b.admin().put(resource.path() + "/" + id, resource.newBody());

        assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
        assertThat(a.admin().get(resource.path() + "/" + id).body()).isEqualTo(before);
    }

    @ParameterizedTest(name = "DELETE {0}/id of another tenant")
    @MethodSource("resources")
    void deletingAnotherTenantsObjectAnswers404AndChangesNothing(AdminResource resource) {
        long id = AdminResource.idOf(a.admin().post(resource.path(), resource.newBody()));
        JsonNode before = a.admin().get(resource.path() + "/" + id).body();

        Api.Response answer = b.admin().delete(resource.path() + "/" + id);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
        assertThat(a.admin().get(resource.path() + "/" + id).body()).isEqualTo(before);
    }

    @ParameterizedTest(name = "GET {0} lists only the caller's tenant")
    @MethodSource("resources")
    void listsShowOnlyTheCallersTenant(AdminResource resource) {
        long id = AdminResource.idOf(a.admin().post(resource.path(), resource.newBody()));

        Api.Response ofA = a.admin().get(resource.path());
        Api.Response ofB = b.admin().get(resource.path());

        assertThat(ids(ofA)).contains(id);
        assertThat(ids(ofB)).doesNotContain(id);
    }

    @Test
    void cardClassesOfTenantIgnoreANamedTenantForNonPlatformCallers() {
        long id = AdminResource.idOf(a.admin().post("/api/v1/card-classes", Fixtures.cardClass("金卡")));

        Api.Response answer = b.admin().get("/api/v1/card-classes/of-tenant?tenantId=" + a.id());

        assertThat(answer.http()).isEqualTo(200);
        assertThat(ids(answer)).doesNotContain(id);
    }

    @Test
    void platformAdministratorReadsTheCardClassesOfTheTenantItNames() {
        long id = AdminResource.idOf(a.admin().post("/api/v1/card-classes", Fixtures.cardClass("银卡")));

        Api.Response answer = fixtures.platform().get("/api/v1/card-classes/of-tenant?tenantId=" + a.id());

        assertThat(ids(answer)).contains(id);
        assertThat(fixtures.platform().get("/api/v1/card-classes/of-tenant").status())
                .isEqualTo(400);
        assertThat(fixtures.platform()
                        .get("/api/v1/card-classes/of-tenant?tenantId=999999999")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void anotherTenantsMemberIsNotFoundNorChangedNorListed() {
        Fixtures.Catalogue catalogue = Fixtures.catalogue(a);
        java.util.Map<String, Object> body = Fixtures.member(catalogue, "name", "隔离测试");
        long memberId = Fixtures.createdId(a.cashier().post("/api/v1/members", body));
        JsonNode before = a.cashier().get("/api/v1/members/" + memberId).body();

        assertThat(b.cashier().get("/api/v1/members/" + memberId).status()).isEqualTo(404);
        assertThat(b.cashier()
                        .put("/api/v1/members/" + memberId, Fixtures.member(Fixtures.catalogue(b)))
                        .status())
                .isEqualTo(404);
        assertThat(b.cashier().get("/api/v1/members/search?keyword=隔离测试").body().size())
                .isZero();
        assertThat(b.cashier()
                        .get("/api/v1/members/search?mac=" + body.get("cardMac"))
                        .status())
                .isEqualTo(602);
        assertThat(b.cashier()
                        .get("/api/v1/members?keyword=" + body.get("cardCode"))
                        .body()
                        .path("totalCount")
                        .asLong())
                .isZero();
        assertThat(b.admin()
                        .get("/api/v1/members/by-class?classId=" + catalogue.classId())
                        .status())
                .isEqualTo(404);
        assertThat(a.cashier().get("/api/v1/members/" + memberId).body()).isEqualTo(before);
    }

    @Test
    void settingsOfOneTenantDoNotLeakIntoAnother() {
        a.admin().put("/api/v1/settings/scan-pay-enabled", "true");

        assertThat(a.cashier().get("/api/v1/settings/scan-pay-enabled").body().asBoolean())
                .isTrue();
        assertThat(b.cashier().get("/api/v1/settings/scan-pay-enabled").body().asBoolean())
                .isFalse();
    }

    private static Stream<Long> idStream(Api.Response list) {
        return list.body().valueStream().map(node -> node.path("id").asLong());
    }

    private static java.util.List<Long> ids(Api.Response list) {
        assertThat(list.http()).as(list.toString()).isEqualTo(200);
        return idStream(list).toList();
    }
}
