package com.membercard.reliability.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.reliability.attack.Attack.Request;
import com.membercard.reliability.attack.TargetTenant.Who;
import com.membercard.support.Api;
import com.membercard.support.Fixtures;
import com.membercard.support.IntegrationTest;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every attack of the table by every kind of caller of the tenant it aims at: the roles the access
 * rules allow get past the access check; every other one (a cashier's key on an administrator's
 * endpoint, an auditor on the till, a tenant on the platform's endpoints, no credential at all) gets
 * 403, or 401 without a credential, and changes nothing of the tenant.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleAttackTest {

    @Autowired
    Fixtures fixtures;

    TargetTenant tenant;

    @BeforeAll
    void aTenantWithOneOfEverything() {
        tenant = TargetTenant.create(fixtures);
    }

    Stream<Arguments> everyAttackByEveryone() {
        return Attack.all().stream().flatMap(attack -> Stream.of(Who.values()).map(who -> Arguments.of(attack, who)));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("everyAttackByEveryone")
    void onlyTheAllowedRolesGetThroughAndTheRefusedChangeNothing(Attack attack, Who who) {
        Request request = attack.request().apply(tenant, tenant);
        Api caller = attack.endsSession() ? tenant.freshSession(who) : tenant.as(who);
        Map<String, String> before = tenant.state();

        Api.Response answer = request.sendAs(caller);

        if (attack.allowed().contains(who)) {
            assertThat(answer.http()).as(answer.toString()).isNotIn(401, 403);
            return;
        }
        int refusal = who == Who.ANONYMOUS ? 401 : 403;
        assertThat(answer.http()).as(answer.toString()).isEqualTo(refusal);
        assertThat(answer.status()).isEqualTo(refusal);
        assertThat(tenant.state()).as("the tenant's rows").isEqualTo(before);
    }
}
