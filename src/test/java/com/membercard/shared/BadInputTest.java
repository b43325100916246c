package com.membercard.shared;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.support.Api;
import com.membercard.support.Fixtures;
import com.membercard.support.Fixtures.TenantFixture;
import com.membercard.support.IntegrationTest;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Bad input is answered 400 with the envelope, a message naming the field, never a 500 or a stack
 * trace, and nothing is created.
 */
@IntegrationTest
class BadInputTest {

    @Autowired
    Fixtures fixtures;

    TenantFixture tenant;

    @BeforeEach
    void freshTenant() {
        tenant = fixtures.tenant();
    }

    static Stream<Arguments> badGifts() {
        return Stream.of(
                Arguments.of("price with 3 decimals", with("price", "1.005"), "price"),
                Arguments.of("negative price", with("price", "-1"), "price"),
                Arguments.of("price over the maximum", with("price", "100000000.00"), "price"),
                Arguments.of("price not a number", with("price", "abc"), "price"),
                Arguments.of("price NaN", with("price", "NaN"), "price"),
                Arguments.of("points of the wrong type", with("points", "many"), "points"),
                Arguments.of("points zero", with("points", 0), "points"),
                Arguments.of("points missing", without("points"), "points"),
                Arguments.of("name missing", without("name"), "name"),
                Arguments.of("name blank", with("name", "  "), "name"),
                Arguments.of("name over its column", with("name", "长".repeat(101)), "name"),
                Arguments.of("negative stock", with("stock", -1), "stock"),
                Arguments.of("inUse not a boolean", with("inUse", "perhaps"), "inUse"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badGifts")
    void aBadGiftIsRefusedNamingTheField(String what, Map<String, Object> body, String field) {
        Api.Response answer = tenant.admin().post("/api/v1/gifts", body);

        assertThat(answer.http()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.message()).startsWith(field + ": ");
        assertThat(answer.data().path("field").asString()).isEqualTo(field);
        assertThat(tenant.admin().get("/api/v1/gifts").body().size()).isZero();
    }

    @Test
    void anUnknownEnumValueIsRefusedNamingTheField() {
        Map<String, Object> body = new HashMap<>(Fixtures.cardClass("金卡"));
        body.put("deductOrder", "CHEAPEST_FIRST");

        Api.Response answer = tenant.admin().post("/api/v1/card-classes", body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.data().path("field").asString()).isEqualTo("deductOrder");
    }

    @Test
    void anUnknownRoleIsRefusedNamingTheField() {
        Api.Response answer = tenant.admin()
                .post(
                        "/api/v1/operators",
                        Map.of("username", Fixtures.unique("u"), "password", "secret-123", "role", "OWNER"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.data().path("field").asString()).isEqualTo("role");
    }

    @Test
    void malformedJsonIsABadRequestNotAServerError() {
        Api.Response answer = tenant.admin().post("/api/v1/gifts", "{\"name\": \"杯子\", \"points\": ");

        assertThat(answer.http()).isEqualTo(400);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.raw()).doesNotContain("Exception", "at com.", "tools.jackson");
    }

    @Test
    void aMissingBodyIsABadRequest() {
        Api.Response answer = tenant.admin().send("POST", "/api/v1/gifts", null);

        assertThat(answer.http()).isEqualTo(400);
        assertThat(answer.status()).isEqualTo(400);
    }

    @Test
    void aPathIdThatIsNotANumberNamesTheParameter() {
        Api.Response answer = tenant.admin().get("/api/v1/gifts/abc");

        assertThat(answer.http()).isEqualTo(400);
        assertThat(answer.data().path("field").asString()).isEqualTo("id");
    }

    @Test
    void aDiscountAboveOneIsRefused() {
        Api.Response answer =
                tenant.admin().post("/api/v1/member-levels", Map.of("name", "超级", "level", 1, "discount", "1.5"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.data().path("field").asString()).isEqualTo("discount");
    }

    @Test
    void anInvalidDateNamesTheField() {
        Api.Response answer = tenant.admin()
                .post(
                        "/api/v1/recharge-plans",
                        Map.of(
                                "name",
                                "p",
                                "money",
                                "1",
                                "payMoney",
                                "1",
                                "giveMoney",
                                "0",
                                "startTime",
                                "2026-13-45"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.data().path("field").asString()).isEqualTo("startTime");
    }

    @Test
    void anUnknownTimeZoneIsRefused() {
        Api.Response answer = fixtures.platform()
                .post(
                        "/api/v1/tenants",
                        Map.of(
                                "name",
                                "x",
                                "adminUsername",
                                Fixtures.unique("u"),
                                "adminPassword",
                                "secret-123",
                                "timeZone",
                                "Mars/Olympus"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.data().path("field").asString()).isEqualTo("timeZone");
    }

    @Test
    void aTakenUsernameIsAConflictNamingTheField() {
        Api.Response answer = tenant.admin().post("/api/v1/operators", Fixtures.operator(tenant.adminUsername()));

        assertThat(answer.http()).isEqualTo(409);
        assertThat(answer.data().path("field").asString()).isEqualTo("username");
    }

    @Test
    void anOperatorAtAShopOfAnotherTenantIsRefused() {
        TenantFixture other = fixtures.tenant();
        Map<String, Object> body = new HashMap<>(Fixtures.operator(Fixtures.unique("c")));
        body.put("shopId", other.shopId());

        Api.Response answer = tenant.admin().post("/api/v1/operators", body);

        assertThat(answer.status()).isEqualTo(404);
    }

    @Test
    void messagesAreEnglishOnRequest() {
        Api.Response answer = tenant.admin().inEnglish().post("/api/v1/gifts", without("name"));

        assertThat(answer.message()).isEqualTo("name: must not be blank");
    }

    @Test
    void messagesAreChineseByDefault() {
        Api.Response answer = tenant.admin().get("/api/v1/gifts/999999999");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.message()).isEqualTo("礼品不存在");
    }

    @Test
    void anUnknownRouteAnswersTheEnvelope() {
        Api.Response answer = fixtures.anonymous().get("/api/v1/no-such-thing");

        assertThat(answer.body().has("status")).isTrue();
        assertThat(answer.body().has("message")).isTrue();
    }

    @Test
    void aWrongMethodAnswersTheEnvelope() {
        Api.Response answer = tenant.admin().delete("/api/v1/gifts");

        assertThat(answer.http()).isEqualTo(405);
        assertThat(answer.status()).isEqualTo(400);
    }

    @ParameterizedTest(name = "Content-Type {0}")
    @ValueSource(strings = {"*/*", "application/*", "text/*"})
    void aWildcardContentTypeIs415NotAServerError(String contentType) {
        Api.Response answer =
                tenant.admin().sendRaw("POST", "/api/v1/gifts", "{}", Map.of("Content-Type", contentType));

        assertThat(answer.http()).as(answer.toString()).isEqualTo(415);
        assertThat(answer.status()).isEqualTo(400);
    }

    @Test
    void aMultipartContentTypeOverABodyThatIsNotMultipartIsABadRequest() {
        Api.Response answer =
                tenant.admin().sendRaw("POST", "/api/v1/gifts", "{}", Map.of("Content-Type", "multipart/form-data"));

        assertThat(answer.http()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.status()).isEqualTo(400);
    }

    @ParameterizedTest(name = "Accept {0}")
    @ValueSource(strings = {"text/html", "application/xml", "image/png", "garbage"})
    void theApiAnswersJsonWhateverTheAcceptHeaderAsks(String accept) {
        Map<String, String> headers = Map.of("Content-Type", "application/json", "Accept", accept);

        Api.Response created = tenant.admin().sendRaw("POST", "/api/v1/member-tags", "{\"name\": \"茶\"}", headers);
        Api.Response missing = tenant.admin().sendRaw("GET", "/api/v1/gifts/999999999", null, headers);

        assertThat(created.http()).as(created.toString()).isEqualTo(200);
        assertThat(created.status()).isEqualTo(200);
        assertThat(missing.http()).as(missing.toString()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
    }

    @ParameterizedTest(name = "GET /api/v1/gifts/{0}")
    @ValueSource(strings = {"%25", "%2F", "..%2F..%2Fshops", "%00"})
    void aUrlRefusedBeforeAnyControllerStillAnswersTheEnvelope(String id) {
        Api.Response answer = tenant.admin().get("/api/v1/gifts/" + id);

        assertThat(answer.http()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.message()).isNotBlank();
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = new HashMap<>(Fixtures.gift("杯子"));
        body.put(field, value);
        return body;
    }

    private static Map<String, Object> without(String field) {
        Map<String, Object> body = new HashMap<>(Fixtures.gift("杯子"));
        body.remove(field);
        return body;
    }
}
