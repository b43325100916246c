package com.membercard.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.support.Api;
import com.membercard.support.Fixtures;
import com.membercard.support.Fixtures.TenantFixture;
import com.membercard.support.IntegrationTest;
import com.membercard.support.TillFixture;
import com.membercard.support.TillFixture.TestCard;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Each change of who may do what, and each sign-in, lands in the security log (issue 10, item 7)
 * with whom it was about and who did it, as an administrator reads it through the API.
 */
@IntegrationTest
class SecurityEventKindsTest {

    private static final String PASSWORD = "secret-123";

    @Autowired
    Fixtures fixtures;

    @Test
    void anOperatorsSignInPasswordChangeAndSignOutAreRecordedAsTheirs() {
        TenantFixture tenant = fixtures.tenant();
        String username = Fixtures.unique("op");
        long id = Fixtures.createdId(tenant.admin().post("/api/v1/operators", Fixtures.operator(username)));

        Api operator = fixtures.anonymous().as(fixtures.login(username, PASSWORD));
        Api.Response changed = operator.post(
                "/api/v1/auth/password", Map.of("currentPassword", PASSWORD, "newPassword", "another-secret-456"));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        Api renewed = fixtures.anonymous().as(changed.data().path("token").asString());
        assertThat(renewed.post("/api/v1/auth/logout", null).status()).isEqualTo(200);

        JsonNode signIn = only(tenant, "SIGN_IN", username);
        JsonNode password = only(tenant, "PASSWORD_CHANGED", username);
        JsonNode signOut = only(tenant, "SIGN_OUT", username);
        for (JsonNode event : List.of(signIn, password, signOut)) {
            assertThat(event.path("operatorId").asLong()).as(event.toString()).isEqualTo(id);
            assertThat(event.path("apiKeyId").isNull()).as(event.toString()).isTrue();
            assertThat(event.path("clientAddress").asString())
                    .as(event.toString())
                    .isNotBlank();
        }
        assertThat(password.path("detail").asString()).isEqualTo("by the operator; login tokens revoked");
    }

    @Test
    void operatorsCreatedChangedAndDeactivatedAreRecordedWithTheAdministratorWhoDidIt() {
        TenantFixture tenant = fixtures.tenant();
        String username = Fixtures.unique("op");
        long id = Fixtures.createdId(tenant.admin().post("/api/v1/operators", Fixtures.operator(username)));
        Map<String, Object> auditor = new HashMap<>(Fixtures.operator(username));
        auditor.put("role", "AUDITOR");
        auditor.put("password", "another-secret-456");

        assertThat(tenant.admin().put("/api/v1/operators/" + id, auditor).status())
                .isEqualTo(200);
        assertThat(tenant.admin().delete("/api/v1/operators/" + id).status()).isEqualTo(200);

        JsonNode created = only(tenant, "OPERATOR_CREATED", username);
        JsonNode changed = only(tenant, "OPERATOR_CHANGED", username);
        JsonNode password = only(tenant, "PASSWORD_CHANGED", username);
        JsonNode deactivated = only(tenant, "OPERATOR_DEACTIVATED", username);
        assertThat(created.path("detail").asString()).isEqualTo("operator " + id + ", CASHIER");
        assertThat(changed.path("detail").asString()).isEqualTo("operator " + id + ": CASHIER -> AUDITOR");
        assertThat(password.path("detail").asString()).isEqualTo("set by an administrator; login tokens revoked");
        assertThat(deactivated.path("detail").asString()).isEqualTo("operator " + id);
        long admin = operatorId(tenant.adminUsername());
        for (JsonNode event : List.of(created, changed, password, deactivated)) {
            assertThat(event.path("operatorId").asLong()).as(event.toString()).isEqualTo(admin);
        }
    }

    @Test
    void apiKeysCreatedChangedAndRevokedAreRecordedWithTheAdministratorWhoDidIt() {
        TenantFixture tenant = fixtures.tenant();
        String name = Fixtures.unique("key");
        String renamed = name + "-renamed";
        Api.Response created = tenant.admin()
                .post("/api/v1/api-keys", Map.of("name", name, "role", "CASHIER", "shopId", tenant.shopId()));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        long id = created.data().path("id").asLong();
        String prefix = created.data().path("key").asString().substring(0, 11);
        Map<String, Object> edit = Map.of("name", renamed, "role", "AUDITOR", "expiresAt", "2099-01-01 00:00:00");

        assertThat(tenant.admin().put("/api/v1/api-keys/" + id, edit).status()).isEqualTo(200);
        assertThat(tenant.admin().put("/api/v1/api-keys/" + id, edit).status())
                .as("the same again")
                .isEqualTo(200);
        assertThat(tenant.admin()
                        .put("/api/v1/api-keys/" + id, Map.of("name", renamed, "role", "PLATFORM_ADMIN"))
                        .status())
                .as("refused: nothing changed")
                .isEqualTo(400);
        assertThat(tenant.admin().delete("/api/v1/api-keys/" + id).status()).isEqualTo(200);

        assertThat(only(tenant, "API_KEY_CREATED", name).path("detail").asString())
                .isEqualTo("key " + id + ": CASHIER");
        assertThat(events(tenant, "API_KEY_CHANGED", renamed).stream()
                        .map(e -> e.path("detail").asString()))
                .containsExactly(
                        "key " + id + ": unchanged",
                        "key " + id + ": name " + name + " -> " + renamed + ", role CASHIER -> AUDITOR, shop "
                                + tenant.shopId() + " -> none, expiry none -> 2099-01-01 00:00:00");
        assertThat(only(tenant, "API_KEY_REVOKED", renamed).path("detail").asString())
                .isEqualTo("key " + id + ": " + prefix);
        long admin = operatorId(tenant.adminUsername());
        for (String kind : List.of("API_KEY_CREATED", "API_KEY_CHANGED", "API_KEY_REVOKED")) {
            assertThat(events(tenant, kind, null).stream()
                            .map(e -> e.path("operatorId").asLong()))
                    .as(kind)
                    .isNotEmpty()
                    .containsOnly(admin);
        }
    }

    @Test
    void aCardPinSetAndChangedIsRecordedWithTheCardAndTheTillsKey() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        TestCard card = till.card();

        assertThat(changePin(till.till(), card, null, "1357").status()).isEqualTo(200);
        assertThat(changePin(till.till(), card, "1357", "8642").status()).isEqualTo(200);

        List<JsonNode> changed = events(till.tenant, "CARD_PIN_CHANGED", card.code());
        assertThat(changed.stream().map(e -> e.path("detail").asString())).containsExactly("PIN_CHANGED", "PIN_SET");
        long key = fixtures.jdbc()
                .sql("select id from api_key where key_hash = encode(sha256(convert_to(:key, 'UTF8')), 'hex')")
                .param("key", till.till().credential())
                .query(Long.class)
                .single();
        for (JsonNode event : changed) {
            assertThat(event.path("apiKeyId").asLong()).as(event.toString()).isEqualTo(key);
        }
    }

    private static Api.Response changePin(Api till, TestCard card, String oldPin, String pin) {
        Map<String, Object> body = new HashMap<>(
                Map.of("cardCode", card.code(), "mac", card.mac(), "password", pin, "timestamp", Fixtures.unique("P")));
        if (oldPin != null) {
            body.put("oldPassword", oldPin);
        }
        return till.post("/api/v1/cards/pin", body);
    }

    /** The one event of {@code kind} about {@code subject} in the tenant's log. */
    private static JsonNode only(TenantFixture tenant, String kind, String subject) {
        List<JsonNode> events = events(tenant, kind, subject);
        assertThat(events).as("%s about %s", kind, subject).hasSize(1);
        return events.get(0);
    }

    /** The tenant's events of {@code kind}, newest first; about {@code subject} unless it is null. */
    static List<JsonNode> events(TenantFixture tenant, String kind, String subject) {
        Api.Response page = tenant.admin().get("/api/v1/security-events?pageSize=500&kind=" + kind);
        assertThat(page.http()).as(page.toString()).isEqualTo(200);
        return page.body()
                .path("data")
                .valueStream()
                .filter(e -> subject == null || subject.equals(e.path("subject").asString()))
                .toList();
    }

    private long operatorId(String username) {
        return fixtures.jdbc()
                .sql("select id from operator where lower(username) = lower(:username)")
                .param("username", username)
                .query(Long.class)
                .single();
    }
}
