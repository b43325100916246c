package com.membercard.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.support.Api;
import com.membercard.support.Fixtures;
import com.membercard.support.Fixtures.TenantFixture;
import com.membercard.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class AuthTest {

    @Autowired
    Fixtures fixtures;

    @Test
    void loginAnswersATokenThatWorksUntilLogout() {
        TenantFixture tenant = fixtures.tenant();
        Api.Response login = fixtures.anonymous()
                .post("/api/v1/auth/login", Map.of("username", tenant.adminUsername(), "password", "secret-123"));
        assertThat(login.data().path("expiresAt").asString()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        // the expiry the token has, as the token check will compare it, in the tenant's time zone
        String stored = fixtures.jdbc()
                .sql("""
                        select to_char(expires_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS')
                        from login_token where token_hash = :hash
                        """)
                .param(
                        "hash",
                        com.membercard.shared.Hashing.sha256Hex(
                                login.data().path("token").asString()))
                .query(String.class)
                .single();
        assertThat(login.data().path("expiresAt").asString()).isEqualTo(stored);
        Api admin = fixtures.anonymous().as(login.data().path("token").asString());
        assertThat(admin.get("/api/v1/shops").http()).isEqualTo(200);

        assertThat(admin.post("/api/v1/auth/logout", Map.of()).status()).isEqualTo(200);

        Api.Response after = admin.get("/api/v1/shops");
        assertThat(after.http()).isEqualTo(401);
        assertThat(after.status()).isEqualTo(401);
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() {
        TenantFixture tenant = fixtures.tenant();

        Api.Response wrongPassword = fixtures.anonymous()
                .post("/api/v1/auth/login", Map.of("username", tenant.adminUsername(), "password", "wrong-password"));
        Api.Response unknownUser = fixtures.anonymous()
                .post(
                        "/api/v1/auth/login",
                        Map.of("username", Fixtures.unique("nobody"), "password", "wrong-password"));

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.body()).isEqualTo(unknownUser.body());
    }

    @Test
    void fiveWrongPasswordsHoldBackEvenTheRightPasswordAndSayNothingMore() {
        TenantFixture tenant = fixtures.tenant();
        for (int i = 0; i < 5; i++) {
            fixtures.anonymous()
                    .post("/api/v1/auth/login", Map.of("username", tenant.adminUsername(), "password", "wrong-" + i));
        }

        Api.Response answer = fixtures.anonymous()
                .inEnglish()
                .post("/api/v1/auth/login", Map.of("username", tenant.adminUsername(), "password", "secret-123"));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.message()).isEqualTo("Wrong username or password");
    }

    @Test
    void aRevokedApiKeyIsRefusedAtOnce() {
        TenantFixture tenant = fixtures.tenant();
        Api.Response created = tenant.admin().post("/api/v1/api-keys", Map.of("name", "POS 1"));
        String key = created.data().path("key").asString();
        long id = created.data().path("id").asLong();
        Api pos = fixtures.anonymous().as(key);
        assertThat(pos.get("/api/v1/card-classes").http()).isEqualTo(200);

        tenant.admin().delete("/api/v1/api-keys/" + id);

        assertThat(pos.get("/api/v1/card-classes").http()).isEqualTo(401);
    }

    @Test
    void aReissuedApiKeyReplacesTheOldOneAtOnceWithItsNameRoleAndShop() {
        TenantFixture tenant = fixtures.tenant();
        Api.Response created = tenant.admin()
                .post("/api/v1/api-keys", Map.of("name", "POS 3", "role", "AUDITOR", "shopId", tenant.shopId()));
        String oldKey = created.data().path("key").asString();
        long oldId = created.data().path("id").asLong();

        Api.Response reissued = tenant.admin().post("/api/v1/api-keys/" + oldId + "/reissue", Map.of());
        assertThat(reissued.status()).as(reissued.toString()).isEqualTo(200);
        String newKey = reissued.data().path("key").asString();
        long newId = reissued.data().path("id").asLong();

        assertThat(newKey).startsWith("mk_").isNotEqualTo(oldKey);
        assertThat(newId).isNotEqualTo(oldId);
        assertThat(fixtures.anonymous().as(oldKey).get("/api/v1/card-classes").http())
                .as("the old key is revoked")
                .isEqualTo(401);
        assertThat(fixtures.anonymous().as(newKey).get("/api/v1/card-classes").http())
                .isEqualTo(200);
        Api.Response listed = tenant.admin().get("/api/v1/api-keys/" + newId);
        assertThat(listed.body().path("name").asString()).isEqualTo("POS 3");
        assertThat(listed.body().path("role").asString()).isEqualTo("AUDITOR");
        assertThat(listed.body().path("shopId").asLong()).isEqualTo(tenant.shopId());
        Api.Response again = tenant.admin().post("/api/v1/api-keys/" + oldId + "/reissue", Map.of());
        assertThat(again.status())
                .as("a revoked key has its one successor already")
                .isEqualTo(611);
        long live = 0;
        for (var key : tenant.admin().get("/api/v1/api-keys").body()) {
            if (key.path("name").asString().equals("POS 3")
                    && !key.path("revoked").asBoolean()) {
                live++;
            }
        }
        assertThat(live).as("one live key of that name").isEqualTo(1);
        assertThat(tenant.admin()
                        .post("/api/v1/api-keys/" + Long.MAX_VALUE + "/reissue", Map.of())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void anApiKeyIsShownOnceAndStoredOnlyHashed() {
        TenantFixture tenant = fixtures.tenant();
        Api.Response created = tenant.admin().post("/api/v1/api-keys", Map.of("name", "POS 2"));
        String key = created.data().path("key").asString();

        String listed = tenant.admin().get("/api/v1/api-keys").raw();
        long stored = fixtures.jdbc()
                .sql("select count(*) from api_key where key_hash = ? or key_prefix = ?")
                .params(key, key)
                .query(Long.class)
                .single();

        assertThat(key).startsWith("mk_").hasSizeGreaterThan(40);
        assertThat(listed).doesNotContain(key).contains(key.substring(0, 11));
        assertThat(stored).isZero();
    }

    @Test
    void aDeactivatedOperatorCanNoLongerSignIn() {
        TenantFixture tenant = fixtures.tenant();
        String username = Fixtures.unique("cashier");
        long id = Fixtures.createdId(tenant.admin().post("/api/v1/operators", Fixtures.operator(username)));
        Api cashier = fixtures.anonymous().as(fixtures.login(username, "secret-123"));

        tenant.admin().delete("/api/v1/operators/" + id);

        assertThat(cashier.get("/api/v1/card-classes").http()).isEqualTo(401);
        assertThat(fixtures.anonymous()
                        .post("/api/v1/auth/login", Map.of("username", username, "password", "secret-123"))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void aGarbageBearerTokenIsRefused() {
        Api.Response answer = fixtures.anonymous().as("mk_forged").get("/api/v1/card-classes");

        assertThat(answer.http()).isEqualTo(401);
        assertThat(answer.status()).isEqualTo(401);
    }

    @Test
    void passwordsAreStoredWithASlowHash() {
        String hash = fixtures.jdbc()
                .sql("select password_hash from operator where username = ?")
                .param(Fixtures.PLATFORM_ADMIN)
                .query(String.class)
                .single();

        assertThat(hash).startsWith("$2a$10$").doesNotContain(Fixtures.PLATFORM_PASSWORD);
    }

    @Test
    void aTenantIsCreatedWithItsFirstAdministrator() {
        String username = Fixtures.unique("owner");
        Api.Response created = fixtures.platform()
                .post(
                        "/api/v1/tenants",
                        Map.of(
                                "name",
                                "新商户",
                                "adminUsername",
                                username,
                                "adminPassword",
                                "secret-123",
                                "timeZone",
                                "Asia/Hong_Kong"));

        assertThat(created.data().path("timeZone").asString()).isEqualTo("Asia/Hong_Kong");
        assertThat(created.data().path("adminUsername").asString()).isEqualTo(username);
        Api admin = fixtures.anonymous().as(fixtures.login(username, "secret-123"));
        assertThat(admin.get("/api/v1/shops").http()).isEqualTo(200);
    }
}
