package com.membercard.shared;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.support.Api;
import com.membercard.support.Fixtures;
import com.membercard.support.Fixtures.TenantFixture;
import com.membercard.support.IntegrationTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Issue 10, item 9: what the service shows the world (management endpoints, headers, body limits). */
@IntegrationTest
class ExposureTest {

    @Autowired
    Fixtures fixtures;

    @Value("${local.server.port}")
    int port;

    @Test
    void healthTellsStrangersTheStatusAndPlatformAdministratorsTheDetails() {
        Api.Response anonymous = fixtures.anonymous().get("/actuator/health");
        Api.Response platform = fixtures.platform().get("/actuator/health");

        assertThat(anonymous.http()).isEqualTo(200);
        assertThat(anonymous.body().path("status").asString()).isEqualTo("UP");
        assertThat(anonymous.body().has("components")).as(anonymous.toString()).isFalse();
        assertThat(platform.body().path("components").path("db").findValue("details"))
                .as(platform.toString())
                .isNotNull();
    }

    @Test
    void metricsNeedAPlatformAdministrator() {
        TenantFixture tenant = fixtures.tenant();

        assertThat(fixtures.anonymous().get("/actuator/prometheus").http()).isEqualTo(401);
        assertThat(tenant.admin().get("/actuator/prometheus").http()).isEqualTo(403);
        Api.Response platform = fixtures.platform().get("/actuator/prometheus");
        assertThat(platform.http()).isEqualTo(200);
        assertThat(platform.raw()).contains("http_server_requests");
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersAndHstsOnlyOverTls() {
        Api.Response plain = fixtures.anonymous().sendRaw("GET", "/api/v1/dicts/status-codes", null, Map.of());
        HttpResponse<String> overTls = send(HttpRequest.newBuilder(uri("/actuator/health"))
                .header("X-Forwarded-Proto", "https")
                .GET());
        HttpResponse<String> answer =
                send(HttpRequest.newBuilder(uri("/api/v1/dicts/status-codes")).GET());

        assertThat(plain.http()).isEqualTo(401);
        var headers = answer.headers();
        assertThat(headers.firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'");
        assertThat(headers.firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(headers.firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(headers.firstValue("X-Frame-Options")).contains("DENY");
        assertThat(headers.firstValue("Strict-Transport-Security")).isEmpty();
        assertThat(overTls.headers().firstValue("Strict-Transport-Security").orElseThrow())
                .contains("max-age=");
    }

    @Test
    void aJsonBodyOverTheLimitAnswers413InTheEnvelope() {
        TenantFixture tenant = fixtures.tenant();
        String huge = "{\"name\":\"" + "x".repeat(1_100_000) + "\"}";

        Api.Response withLength = tenant.admin().post("/api/v1/member-tags", huge);
        HttpResponse<String> chunked = send(HttpRequest.newBuilder(uri("/api/v1/member-tags"))
                .header("Authorization", "Bearer " + tenant.admin().credential())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8)))));

        assertThat(withLength.http()).isEqualTo(413);
        assertThat(withLength.status()).isEqualTo(422);
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
        JsonNode body = JsonMapper.builder().build().readTree(chunked.body());
        assertThat(body.path("status").asInt()).isEqualTo(422);
        assertThat(tenant.admin()
                        .post("/api/v1/member-tags", Map.of("name", Fixtures.unique("标签")))
                        .status())
                .isEqualTo(200);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
