package com.membercard.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.support.Api;
import com.membercard.support.Fixtures;
import com.membercard.support.Fixtures.TenantFixture;
import com.membercard.support.IntegrationTest;
import com.membercard.support.MemberFiles;
import com.membercard.support.TillFixture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The console's security chain over plain HTTP (no browser needed, so it runs everywhere): the API
 * answers as before and never takes the console's cookie, forms need their CSRF token, the session
 * cookie is HttpOnly and SameSite, a new session id is issued at sign-in, and a login token revoked
 * through the API ends the console session.
 */
@IntegrationTest
class ConsoleSecurityTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Test
    void theApiStillAnswers401JsonAndIgnoresTheConsolesSession() {
        TenantFixture tenant = fixtures.tenant();
        Browser browser = new Browser();
        assertThat(browser.signIn(tenant.adminUsername(), "secret-123").statusCode())
                .isEqualTo(302);

        HttpResponse<String> api = browser.get("/api/v1/members");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(api.body()).contains("\"status\":401");
        assertThat(Api.at(base()).get("/api/v1/members").http()).isEqualTo(401);
    }

    @Test
    void pagesAskForSignInFirst() {
        Browser browser = new Browser();
        HttpResponse<String> members = browser.get("/console/members");
        assertThat(members.statusCode()).isEqualTo(302);
        assertThat(members.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/console/login"));
        assertThat(browser.get("/").headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/console/login"));
    }

    @Test
    void aSignInWithoutItsCsrfTokenIsRefused() {
        TenantFixture tenant = fixtures.tenant();
        Browser browser = new Browser();
        browser.get("/console/login");
        HttpResponse<String> forged =
                browser.post("/console/login", Map.of("username", tenant.adminUsername(), "password", "secret-123"));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(browser.get("/console").statusCode()).as("not signed in").isEqualTo(302);
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteAndRenewedAtSignIn() {
        TenantFixture tenant = fixtures.tenant();
        Browser browser = new Browser();
        HttpResponse<String> page = browser.get("/console/login");
        String before = sessionCookie(page);
        assertThat(before).contains("HttpOnly").containsIgnoringCase("SameSite=Lax");

        HttpResponse<String> signedIn = browser.signIn(tenant.adminUsername(), "secret-123");
        String after = sessionCookie(signedIn);
        assertThat(after).as("a new session id at sign-in").isNotEqualTo(before);
        assertThat(browser.get("/console").statusCode()).isEqualTo(200);
    }

    @Test
    void aPasswordChangedThroughTheApiEndsTheConsoleSession() {
        TenantFixture tenant = fixtures.tenant();
        Browser browser = new Browser();
        browser.signIn(tenant.adminUsername(), "secret-123");
        assertThat(browser.get("/console/members").statusCode()).isEqualTo(200);

        Api.Response changed = tenant.admin()
                .post(
                        "/api/v1/auth/password",
                        Map.of("currentPassword", "secret-123", "newPassword", "another-secret-456"));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);

        assertThat(browser.get("/console/members").statusCode())
                .as("every login token revoked")
                .isEqualTo(302);
    }

    @Test
    void aKeyEditedOnItsPageIsRecordedAsTheSignedInAdministratorsChange() {
        TenantFixture tenant = fixtures.tenant();
        String name = Fixtures.unique("key");
        Api.Response created = tenant.admin().post("/api/v1/api-keys", Fixtures.apiKeyBody(name));
        long id = created.data().path("id").asLong();
        Browser browser = new Browser();
        browser.signIn(tenant.adminUsername(), "secret-123");

        String token = csrf(browser.get("/console/api-keys/" + id).body());
        HttpResponse<String> saved = browser.post(
                "/console/api-keys/" + id,
                Map.of("_csrf", token, "name", name, "role", "AUDITOR", "shopId", String.valueOf(tenant.shopId())));

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        JsonNode events = tenant.admin()
                .get("/api/v1/security-events?kind=API_KEY_CHANGED")
                .body()
                .path("data");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("subject").asString()).isEqualTo(name);
        assertThat(events.get(0).path("detail").asString())
                .isEqualTo("key " + id + ": role CASHIER -> AUDITOR, shop none -> " + tenant.shopId());
        assertThat(events.get(0).path("operatorId").asLong())
                .isEqualTo(fixtures.jdbc()
                        .sql("select id from operator where username = :username")
                        .param("username", tenant.adminUsername())
                        .query(Long.class)
                        .single());
    }

    @Test
    void anAuditorMayReadMembersButNotUseTheTill() {
        TenantFixture tenant = fixtures.tenant();
        Map<String, Object> auditor = new HashMap<>(Fixtures.operator(Fixtures.unique("auditor")));
        auditor.put("role", "AUDITOR");
        Fixtures.createdId(tenant.admin().post("/api/v1/operators", auditor));
        Browser browser = new Browser();
        browser.signIn((String) auditor.get("username"), "secret-123");

        assertThat(browser.get("/console/members").statusCode()).isEqualTo(200);
        assertThat(browser.get("/console/till").statusCode()).isEqualTo(403);
        String token = csrf(browser.get("/console/members").body());
        HttpResponse<String> pay = browser.post(
                "/console/till/pay", Map.of("_csrf", token, "cardCode", "X", "mac", "Y", "money", "1.00", "code", "Z"));
        assertThat(pay.statusCode()).isEqualTo(403);
    }

    @Test
    void aReportDownloadsAsTheApisSheetAndABadGroupingIsNamedBesideItsField() {
        TenantFixture tenant = fixtures.tenant();
        Browser browser = new Browser();
        browser.signIn(tenant.adminUsername(), "secret-123");

        HttpResponse<String> sheet = browser.get("/console/reports/xlsx?subject=recharges");
        assertThat(sheet.statusCode()).isEqualTo(200);
        assertThat(sheet.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).contains("spreadsheetml"));
        assertThat(sheet.body()).startsWith("PK");

        HttpResponse<String> refused = browser.get("/console/reports?subject=refunds&groupBy=plan");
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"groupBy-error\"");
    }

    @Test
    void theSettingsPageSetsOp15AndOp16AsTheApiReadsThem() {
        TenantFixture tenant = fixtures.tenant();
        Browser browser = new Browser();
        browser.signIn(tenant.adminUsername(), "secret-123");
        String token = csrf(browser.get("/console/settings").body());
        HttpResponse<String> saved =
                browser.post("/console/settings", Map.of("_csrf", token, "scanPayEnabled", "on", "type1", "on"));
        assertThat(saved.statusCode()).isEqualTo(302);

        assertThat(tenant.admin()
                        .get("/api/v1/settings/scan-pay-enabled")
                        .body()
                        .asBoolean())
                .isTrue();
        String types =
                tenant.admin().get("/api/v1/settings/recharge-payment-types").raw();
        assertThat(types).contains("{\"key\":1,\"value\":true}").contains("{\"key\":3,\"value\":false}");
    }

    @Test
    void theCardPolicyPageSetsThePolicyAsTheApiReadsItAndAnAuditorOnlyReadsIt() {
        TenantFixture tenant = fixtures.tenant();
        Browser admin = new Browser();
        admin.signIn(tenant.adminUsername(), "secret-123");
        HttpResponse<String> page = admin.get("/console/settings/card-policy");
        assertThat(page.body()).contains("id=\"field-minSecretLength\"").contains("value=\"8\"");

        String token = csrf(page.body());
        HttpResponse<String> refused = admin.post(
                "/console/settings/card-policy",
                Map.of("_csrf", token, "minSecretLength", "5", "giftWithoutPlan", "on", "giftWithoutPlanCap", "20"));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"field-minSecretLength-error\"");
        HttpResponse<String> noCap = admin.post(
                "/console/settings/card-policy",
                Map.of("_csrf", token, "minSecretLength", "10", "giftWithoutPlan", "on", "giftWithoutPlanCap", "0"));
        assertThat(noCap.body()).as("a cap is required").contains("id=\"field-giftWithoutPlanCap-error\"");
        assertThat(tenant.admin()
                        .get("/api/v1/settings/card-policy")
                        .body()
                        .path("minSecretLength")
                        .asInt())
                .as("nothing changed")
                .isEqualTo(8);

        HttpResponse<String> saved = admin.post(
                "/console/settings/card-policy",
                Map.of("_csrf", token, "minSecretLength", "12", "giftWithoutPlanCap", "30.50"));
        assertThat(saved.statusCode()).isEqualTo(302);
        JsonNode policy = tenant.admin().get("/api/v1/settings/card-policy").body();
        assertThat(policy.path("minSecretLength").asInt()).isEqualTo(12);
        assertThat(policy.path("giftWithoutPlan").asBoolean()).isFalse();
        assertThat(policy.path("giftWithoutPlanCap").decimalValue()).isEqualByComparingTo("30.50");

        Map<String, Object> auditor = new HashMap<>(Fixtures.operator(Fixtures.unique("auditor")));
        auditor.put("role", "AUDITOR");
        Fixtures.createdId(tenant.admin().post("/api/v1/operators", auditor));
        Browser reader = new Browser();
        reader.signIn((String) auditor.get("username"), "secret-123");
        HttpResponse<String> read = reader.get("/console/settings/card-policy");
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("value=\"12\"").doesNotContain("id=\"card-policy-save\"");
        HttpResponse<String> write = reader.post(
                "/console/settings/card-policy",
                Map.of("_csrf", csrf(read.body()), "minSecretLength", "6", "giftWithoutPlanCap", "0"));
        assertThat(write.statusCode()).isEqualTo(403);
    }

    @Test
    void theImportErrorReportDownloadsAsTheApisRowsAndOnlyForItsOwnTenant() throws IOException {
        TillFixture till = TillFixture.create(fixtures, "REAL_FIRST", 1, 0);
        String prefix = "ERR" + Fixtures.unique("").replace("-", "");
        MemberFiles.write(
                till.tenant.id(),
                prefix + ".csv",
                MemberFiles.csv(List.of(
                        List.of("姓名", "卡号", "卡密", "余额"),
                        List.of("好行", prefix + "A", "secret-" + prefix + "A", "10.00"),
                        List.of("坏金额", prefix + "B", "secret-" + prefix + "B", "1.234"))));
        long jobId = MemberFiles.importAndWait(till.tenant.admin(), prefix + ".csv", till.classId, till.levelId)
                .path("id")
                .asLong();
        JsonNode apiRows = till.tenant
                .admin()
                .get("/api/v1/import-jobs/" + jobId + "/errors")
                .body();
        assertThat(apiRows.size()).as(apiRows.toString()).isEqualTo(1);

        Browser admin = new Browser();
        admin.signIn(till.tenant.adminUsername(), "secret-123");
        assertThat(admin.get("/console/import/jobs/" + jobId).body()).contains("id=\"import-errors\"");
        HttpResponse<byte[]> sheet = admin.download("/console/import/jobs/" + jobId + "/errors.xlsx");
        assertThat(sheet.statusCode()).isEqualTo(200);
        assertThat(sheet.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(value -> assertThat(value).contains("import-" + jobId + "-errors.xlsx"));
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(sheet.body()))) {
            List<Row> rows = workbook.getFirstSheet().read();
            assertThat(rows).hasSize(1 + apiRows.size());
            assertThat(rows.get(1).getCell(0).getText())
                    .isEqualTo(apiRows.get(0).path("row").asString());
            assertThat(rows.get(1).getCell(2).getText()).isEqualTo("1.234");
        }

        TenantFixture other = fixtures.tenant();
        Browser stranger = new Browser();
        stranger.signIn(other.adminUsername(), "secret-123");
        HttpResponse<byte[]> refused = stranger.download("/console/import/jobs/" + jobId + "/errors.xlsx");
        assertThat(refused.statusCode()).as("another tenant's job is no job").isEqualTo(404);
        assertThat(new String(refused.body(), StandardCharsets.UTF_8)).doesNotContain("1.234");
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static String sessionCookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("MEMBERCARD_CONSOLE="))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + response.headers()));
    }

    private static String csrf(String html) {
        Matcher matcher = CSRF.matcher(html);
        assertThat(matcher.find()).as("a CSRF token in the page").isTrue();
        return matcher.group(1);
    }

    /** A client that keeps cookies and follows no redirect, as a browser's session would be seen. */
    private class Browser {

        private final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();

        HttpResponse<String> signIn(String username, String password) {
            String token = csrf(get("/console/login").body());
            return post("/console/login", Map.of("_csrf", token, "username", username, "password", password));
        }

        HttpResponse<String> get(String path) {
            return send(HttpRequest.newBuilder(URI.create(base() + path)).GET());
        }

        HttpResponse<String> post(String path, Map<String, String> form) {
            String body = form.entrySet().stream()
                    .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return send(HttpRequest.newBuilder(URI.create(base() + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        HttpResponse<byte[]> download(String path) {
            try {
                return http.send(
                        HttpRequest.newBuilder(URI.create(base() + path)).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
