package com.membercard.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.support.Api;
import com.membercard.support.Fixtures;
import com.membercard.support.IntegrationTest;
import com.membercard.support.TillFixture;
import com.membercard.support.TillFixture.TestCard;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A fuzzer over every operation of the OpenAPI document, with valid credentials: malformed,
 * oversized, wrong-typed, boundary-valued and injection-shaped bodies, query parameters and path
 * ids. No answer may be a 500, show a stack trace or SQL, or leave the envelope; no card may change.
 * The number of requests is {@code -Dfuzz.requests} (2,000 in the normal build; the long run uses more).
 */
@IntegrationTest
class HostileInputTest {

    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 2_000);
    private static final List<Object> NASTY_VALUES = List.of(
            "",
            " ",
            "null",
            "' or '1'='1",
            "'; drop table card; --",
            "%",
            "_",
            "\\",
            "../../etc/passwd",
            "<script>alert(1)</script>",
            "长".repeat(300),
            "x".repeat(10_000),
            "\u0000",
            "\uD83D\uDE00",
            "NaN",
            "Infinity",
            "-0",
            "1e309",
            "99999999999999999999999",
            "0.001",
            "-1",
            "1.005",
            "2026-02-30",
            "2026-13-01 25:61:61",
            0,
            -1,
            Long.MAX_VALUE,
            Integer.MIN_VALUE,
            1.0E308,
            -0.01,
            0.001,
            true,
            false,
            List.of(),
            List.of(1, 2),
            Map.of(),
            Map.of("a", Map.of("b", Map.of("c", 1))));
    private static final List<String> RAW_BODIES = List.of(
            "{",
            "}",
            "[",
            "null",
            "true",
            "12",
            "\"text\"",
            "{\"a\":}",
            "{\"money\": 1.2.3}",
            "{'single': 1}",
            "{\"a\":1,}",
            "\u0000",
            "[".repeat(5_000),
            "{\"cardCode\": \"" + "9".repeat(100_000) + "\"}");
    private static final List<String> FIELDS = List.of(
            "cardCode",
            "mac",
            "money",
            "payMoney",
            "giveMoney",
            "code",
            "timestamp",
            "userId",
            "planId",
            "details",
            "paymentType",
            "rechargeCode",
            "giftId",
            "oldCardCode",
            "name",
            "phone",
            "memberLevelId",
            "cardClassId",
            "memberTagIds",
            "pageIndex",
            "pageSize",
            "keyword",
            "status",
            "discount",
            "points",
            "price",
            "stock",
            "startTime",
            "endTime",
            "role",
            "shopId",
            "username",
            "password",
            "timeZone",
            "deductOrder",
            "cardType",
            "birthday",
            "sex",
            "effectiveTime",
            "id",
            "key",
            "value",
            "recordId");

    @Autowired
    Fixtures fixtures;

    @Test
    void noHostileRequestBreaksTheServiceOrMovesMoney() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 30);
        TestCard card = till.card("100.00", "10.00");
        List<String[]> operations = operations();
        String before = moneyOf(till);
        Random random = new Random(20261128);
        List<String> failures = new ArrayList<>();

        for (int i = 0; i < REQUESTS; i++) {
            String[] operation = operations.get(random.nextInt(operations.size()));
            String path = fillPath(operation[1], random, card);
            Api caller = random.nextInt(4) == 0 ? till.tenant.admin() : till.till();
            Api.Response answer = "GET".equals(operation[0]) || "DELETE".equals(operation[0])
                    ? caller.send(operation[0], path + query(random), null)
                    : caller.send(operation[0], path, body(random, card));
            String problem = problem(answer);
            if (problem != null) {
                failures.add(operation[0] + " " + path + " → " + problem);
            }
        }

        assertThat(failures).as("answers that break the contract").isEmpty();
        assertThat(moneyOf(till)).as("no card's money or points moved").isEqualTo(before);
    }

    /** Every (method, path) of the OpenAPI document under /api/v1, but sign-in and sign-out. */
    private List<String[]> operations() {
        JsonNode paths = fixtures.anonymous().get("/v3/api-docs").body().path("paths");
        List<String[]> operations = new ArrayList<>();
        paths.properties()
                .forEach(path -> path.getValue().propertyNames().forEach(method -> {
                    if (!path.getKey().startsWith("/api/v1/auth")) {
                        operations.add(new String[] {method.toUpperCase(), path.getKey()});
                    }
                }));
        assertThat(operations).hasSizeGreaterThan(60);
        return operations;
    }

    private static String fillPath(String template, Random random, TestCard card) {
        String[] ids = {
            "1", "0", "-1", "999999999999", "abc", "1.5", card.code(), "%27%20or%201=1", "null", "9".repeat(40)
        };
        return template.replaceAll("\\{[^}]+}", ids[random.nextInt(ids.length)]);
    }

    private static String query(Random random) {
        StringBuilder query = new StringBuilder("?");
        for (int i = 0; i < 1 + random.nextInt(4); i++) {
            Object value = NASTY_VALUES.get(random.nextInt(NASTY_VALUES.size()));
            query.append(FIELDS.get(random.nextInt(FIELDS.size())))
                    .append('=')
                    .append(URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8))
                    .append('&');
        }
        return query.toString();
    }

    /** A raw malformed body, or an object of plausible fields with hostile values (the card's own code among them). */
    private static Object body(Random random, TestCard card) {
        if (random.nextInt(5) == 0) {
            return RAW_BODIES.get(random.nextInt(RAW_BODIES.size()));
        }
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("cardCode", card.code());
        for (int i = 0; i < 1 + random.nextInt(8); i++) {
            body.put(FIELDS.get(random.nextInt(FIELDS.size())), NASTY_VALUES.get(random.nextInt(NASTY_VALUES.size())));
        }
        return body;
    }

    /** What is wrong with an answer, or null when it keeps the contract. */
    private static String problem(Api.Response answer) {
        if (answer.http() >= 500 || answer.status() == 500) {
            return "server error: " + abbreviate(answer.raw());
        }
        String raw = answer.raw();
        for (String leak : List.of("Exception", "at com.", "at org.", "SQL", "postgres", "tools.jackson")) {
            if (raw.contains(leak)) {
                return "leaks '" + leak + "': " + abbreviate(raw);
            }
        }
        if (answer.http() >= 400
                && !(answer.body().has("status") && answer.body().has("message"))) {
            return "not the envelope: " + abbreviate(raw);
        }
        return null;
    }

    private String moneyOf(TillFixture till) {
        return fixtures.jdbc()
                .sql("""
                        select string_agg(code || ':' || actual_balance || '/' || give_balance || '/' || actual_points
                                          || '/' || status, ',' order by code)
                        from card where tenant_id = ?""")
                .param(till.tenant.id())
                .query(String.class)
                .single();
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
