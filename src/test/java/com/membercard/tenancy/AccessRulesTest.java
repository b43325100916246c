package com.membercard.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.support.AdminResource;
import com.membercard.support.Api;
import com.membercard.support.Fixtures;
import com.membercard.support.Fixtures.TenantFixture;
import com.membercard.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every endpoint against every kind of caller: the allowed ones get past the access check, the
 * others get 403 (or 401 without a credential) and change nothing.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessRulesTest {

    enum Who {
        ANONYMOUS,
        PLATFORM_ADMIN,
        TENANT_ADMIN,
        CASHIER,
        AUDITOR
    }

    record Call(String method, String path, Object body, Set<Who> allowed) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final Set<Who> EVERYONE = Set.of(Who.PLATFORM_ADMIN, Who.TENANT_ADMIN, Who.CASHIER, Who.AUDITOR);
    private static final Set<Who> TENANT_ROLES = Set.of(Who.TENANT_ADMIN, Who.CASHIER, Who.AUDITOR);
    private static final Set<Who> ADMIN = Set.of(Who.TENANT_ADMIN);
    private static final Set<Who> TILL = Set.of(Who.TENANT_ADMIN, Who.CASHIER);
    private static final Set<Who> PLATFORM = Set.of(Who.PLATFORM_ADMIN);

    @Autowired
    Fixtures fixtures;

    TenantFixture tenant;
    List<Call> calls;

    @BeforeAll
    void tenantWithOneOfEverything() {
        tenant = fixtures.tenant();
        calls = new ArrayList<>();
        for (String dict :
                List.of("card-statuses", "card-send-modes", "payment-types", "card-types", "sexes", "status-codes")) {
            calls.add(new Call("GET", "/api/v1/dicts/" + dict, null, EVERYONE));
        }
        for (AdminResource resource : AdminResource.ALL) {
            long id = AdminResource.idOf(tenant.admin().post(resource.path(), resource.newBody()));
            boolean adminOnly =
                    resource.path().endsWith("operators") || resource.path().endsWith("api-keys");
            Set<Who> readers = adminOnly ? ADMIN : TENANT_ROLES;
            calls.add(new Call("GET", resource.path(), null, readers));
            calls.add(new Call("GET", resource.path() + "/" + id, null, readers));
            calls.add(new Call("POST", resource.path(), resource.newBody(), ADMIN));
            calls.add(new Call("PUT", resource.path() + "/" + id, resource.newBody(), ADMIN));
            calls.add(new Call("DELETE", resource.path() + "/" + id, null, ADMIN));
        }
        Fixtures.Catalogue catalogue = Fixtures.catalogue(tenant);
        Map<String, Object> member = Fixtures.member(catalogue);
        long memberId = Fixtures.createdId(tenant.admin().post("/api/v1/members", member));
        String cardCode = (String) member.get("cardCode");
        calls.add(new Call("GET", "/api/v1/members", null, TENANT_ROLES));
        calls.add(new Call("GET", "/api/v1/members/" + memberId, null, TENANT_ROLES));
        calls.add(new Call("GET", "/api/v1/members/opened", null, TENANT_ROLES));
        calls.add(new Call("GET", "/api/v1/members/search?keyword=x", null, TENANT_ROLES));
        calls.add(new Call(
                "GET",
                "/api/v1/members/by-class?classId=" + catalogue.classId() + "&tenantId=" + tenant.id(),
                null,
                EVERYONE));
        calls.add(new Call("POST", "/api/v1/members", Fixtures.member(catalogue), TILL));
        calls.add(new Call("PUT", "/api/v1/members/" + memberId, Fixtures.member(catalogue), TILL));
        calls.add(new Call("GET", "/api/v1/cards?cardCode=" + cardCode, null, TENANT_ROLES));
        calls.add(new Call("POST", "/api/v1/cards/report-loss", Map.of("cardCode", cardCode, "timestamp", "x"), TILL));
        calls.add(new Call(
                "POST",
                "/api/v1/cards/cancel-loss",
                Map.of("cardCode", cardCode, "mac", "wrong", "timestamp", "y"),
                TILL));
        calls.add(new Call("POST", "/api/v1/cards/void", Map.of("cardCode", "NO-SUCH"), TILL));
        Map<String, Object> till = Map.of("cardCode", cardCode, "mac", "wrong", "money", "1.00", "code", "o-1");
        calls.add(new Call("GET", "/api/v1/cards/pay-info?cardCode=" + cardCode + "&mac=x", null, TENANT_ROLES));
        calls.add(new Call("GET", "/api/v1/cards/pay-info/by-mac?mac=x", null, TENANT_ROLES));
        calls.add(new Call("GET", "/api/v1/cards/" + cardCode + "/transactions", null, TENANT_ROLES));
        calls.add(new Call("POST", "/api/v1/cards/pay-code", Map.of("code", cardCode, "mac", "wrong"), TILL));
        calls.add(new Call("POST", "/api/v1/card-payments", till, TILL));
        calls.add(new Call("POST", "/api/v1/card-payments/refund", till, TILL));
        calls.add(new Call(
                "POST",
                "/api/v1/recharges",
                Map.of(
                        "cardCode",
                        cardCode,
                        "mac",
                        "wrong",
                        "payMoney",
                        "1",
                        "details",
                        List.of(Map.of("paymentType", 1, "money", "1")),
                        "timestamp",
                        "r-1"),
                TILL));
        calls.add(new Call("GET", "/api/v1/recharges/refund-draft?cardCode=" + cardCode, null, TENANT_ROLES));
        calls.add(new Call(
                "POST",
                "/api/v1/recharges/refund",
                Map.of(
                        "cardCode",
                        cardCode,
                        "mac",
                        "wrong",
                        "paymentType",
                        1,
                        "rechargeCode",
                        "CZ1",
                        "timestamp",
                        "rr-1"),
                TILL));
        calls.add(new Call("GET", "/api/v1/balance-refunds/draft?cardCode=" + cardCode, null, TENANT_ROLES));
        calls.add(new Call(
                "POST",
                "/api/v1/balance-refunds",
                Map.of("cardCode", cardCode, "mac", "wrong", "paymentType", 1, "payMoney", "1", "timestamp", "br-1"),
                TILL));
        calls.add(new Call(
                "POST",
                "/api/v1/cards/return",
                Map.of("cardCode", cardCode, "mac", "wrong", "paymentType", 1, "timestamp", "rt-1"),
                TILL));
        calls.add(new Call(
                "POST",
                "/api/v1/cards/replace",
                Map.of("cardCode", "NEW", "mac", "secret-9", "oldCardCode", "NO-SUCH", "timestamp", "rp-1"),
                TILL));
        calls.add(new Call(
                "POST",
                "/api/v1/gifts/redeem",
                Map.of("cardCode", cardCode, "mac", "wrong", "giftId", 1, "timestamp", "g-1"),
                TILL));
        calls.add(new Call("GET", "/api/v1/ledger/reconciliation", null, Set.of(Who.TENANT_ADMIN, Who.AUDITOR)));
        calls.add(new Call("GET", "/api/v1/settings/scan-pay-enabled", null, TENANT_ROLES));
        calls.add(new Call("PUT", "/api/v1/settings/scan-pay-enabled", "false", ADMIN));
        calls.add(new Call("GET", "/api/v1/settings/recharge-payment-types", null, TENANT_ROLES));
        calls.add(new Call(
                "PUT", "/api/v1/settings/recharge-payment-types", List.of(Map.of("key", 1, "value", true)), ADMIN));
        calls.add(new Call("GET", "/api/v1/card-classes/of-tenant?tenantId=" + tenant.id(), null, EVERYONE));
        calls.add(new Call("GET", "/api/v1/tenants", null, PLATFORM));
        calls.add(new Call("GET", "/api/v1/tenants/" + tenant.id(), null, PLATFORM));
        calls.add(new Call("PUT", "/api/v1/tenants/" + tenant.id(), Map.of("name", "改名"), PLATFORM));
        calls.add(new Call(
                "POST",
                "/api/v1/tenants",
                Map.of("name", "x", "adminUsername", Fixtures.unique("u"), "adminPassword", "secret-123"),
                PLATFORM));
    }

    Stream<Arguments> everyCallByEveryone() {
        return calls.stream().flatMap(call -> Stream.of(Who.values()).map(who -> Arguments.of(call, who)));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("everyCallByEveryone")
    void onlyTheAllowedRolesGetThrough(Call call, Who who) {
        Api caller = caller(who);

        Api.Response answer = caller.send(call.method(), call.path(), call.body());

        if (call.allowed().contains(who)) {
            assertThat(answer.http()).as(answer.toString()).isNotIn(401, 403);
        } else if (who == Who.ANONYMOUS) {
            assertThat(answer.http()).as(answer.toString()).isEqualTo(401);
            assertThat(answer.status()).isEqualTo(401);
        } else {
            assertThat(answer.http()).as(answer.toString()).isEqualTo(403);
            assertThat(answer.status()).isEqualTo(403);
        }
    }

    @ParameterizedTest(name = "a cashier cannot create in {0}")
    @MethodSource("resources")
    void aRefusedCreateChangesNothing(AdminResource resource) {
        int before = tenant.admin().get(resource.path()).body().size();

        Api.Response answer = tenant.cashier().post(resource.path(), resource.newBody());

        assertThat(answer.status()).isEqualTo(403);
        assertThat(tenant.admin().get(resource.path()).body().size()).isEqualTo(before);
    }

    Stream<AdminResource> resources() {
        return AdminResource.ALL.stream();
    }

    private Api caller(Who who) {
        return switch (who) {
            case ANONYMOUS -> fixtures.anonymous();
            case PLATFORM_ADMIN -> fixtures.platform();
            case TENANT_ADMIN -> tenant.admin();
            case CASHIER -> tenant.cashier();
            case AUDITOR -> tenant.auditor();
        };
    }
}
