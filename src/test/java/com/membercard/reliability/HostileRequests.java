package com.membercard.reliability;

import com.membercard.support.Api;
import com.membercard.support.OpenApiDocument;
import com.membercard.support.OpenApiDocument.Operation;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes hostile requests for an operation of the OpenAPI document. A request starts plausible (the
 * body and query the document describes, with its examples) so that one hostile value reaches past
 * the first check instead of being refused with the rest; then one kind of {@link Hostility} is
 * applied. Path parameters are hostile ids, or a real row of the fuzzed tenant (a decoy).
 */
final class HostileRequests {

    /** What is wrong with a request. Every operation receives every kind in turn. */
    enum Hostility {
        /** one to three fields or query parameters hold a hostile value */
        FIELD_VALUES,
        /** a body that is not JSON, or JSON of another shape entirely */
        MALFORMED_BODY,
        /** the plausible body inside an array */
        ARRAY_FOR_OBJECT,
        /** no body, with or without a JSON Content-Type */
        MISSING_BODY,
        /** the plausible body under a Content-Type that is not JSON */
        WRONG_CONTENT_TYPE,
        /** the plausible body, asking for an answer in something other than JSON */
        ODD_ACCEPT
    }

    /** One request as sent, and how to show it in a failure. */
    record HostileRequest(String method, String path, String body, Map<String, String> headers, Hostility hostility) {

        Api.Response sendAs(Api caller) {
            return caller.sendRaw(method, path, body, headers);
        }

        @Override
        public String toString() {
            return hostility + " " + method + " " + abbreviate(path) + " " + headers + " " + abbreviate(body);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, String> JSON_CONTENT = Map.of("Content-Type", "application/json");

    /**
     * Hostile values as JSON text, so that numbers no Java type holds ({@code 1e400}) and escapes no
     * well-formed string has (a lone surrogate) can be sent. In a query they are sent as their text.
     */
    private static final List<String> VALUES = List.of(
            // numbers at and past every edge: zero, negatives, the long and int limits, 3 decimals
            "0",
            "-1",
            "-0",
            "2147483648",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775809",
            "0.001",
            "1.005",
            "-0.01",
            "99999999.99",
            "100000000.00",
            "1e400",
            "-1e400",
            "1e-400",
            "99999999999999999999999",
            // numbers written as strings
            "\"0.001\"",
            "\"1e400\"",
            "\"NaN\"",
            "\"Infinity\"",
            "\"-1\"",
            "\"0x1F\"",
            // strings: empty, blank, huge, non-Latin, emoji, null bytes, a lone surrogate, control characters
            "\"\"",
            "\" \"",
            "\"null\"",
            quoted("x".repeat(10_000)),
            quoted("长".repeat(300)),
            quoted("\uD83D\uDE00\uD83D\uDCB3"),
            "\"\\u0000\"",
            "\"a\\u0000b\"",
            "\"\\ud800\"",
            "\"\\u202e\\u200b\"",
            "\"\\n\\r\\t\"",
            // shaped like an injection: SQL, LIKE wildcards, paths, markup, templates
            "\"' or '1'='1\"",
            "\"'; drop table card; --\"",
            "\"%\"",
            "\"_\"",
            "\"\\\\\"",
            "\"%_%\"",
            "\"../../etc/passwd\"",
            "\"<script>alert(1)</script>\"",
            "\"${jndi:ldap://x/a}\"",
            // dates that do not exist
            "\"2026-02-30\"",
            "\"2026-13-01 25:61:61\"",
            "\"9999-12-31 23:59:59\"",
            "\"0000-01-01\"",
            // the wrong JSON type, or an array where an object belongs and the reverse
            "null",
            "true",
            "false",
            "[]",
            "[null]",
            "[1,2]",
            "{}",
            "{\"a\":{\"b\":{\"c\":1}}}",
            "[".repeat(200) + "]".repeat(200));

    /** Bodies that are not JSON, or not the JSON an operation reads. */
    private static final List<String> MALFORMED_BODIES = List.of(
            "",
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
            "{\"a\":1}{\"b\":2}",
            "\u0000",
            "\uFEFF{}",
            "[".repeat(5_000),
            "{\"cardCode\": \"" + "9".repeat(100_000) + "\"}");

    private static final List<String> CONTENT_TYPES = List.of(
            "text/plain",
            "application/xml",
            "application/x-www-form-urlencoded",
            "multipart/form-data",
            "multipart/form-data; boundary=x",
            "*/*",
            "application/*",
            "application/json; charset=nonsense",
            "application/json; charset=ISO-8859-1",
            "garbage");

    private static final List<String> ACCEPTS =
            List.of("application/xml", "text/html", "text/plain", "image/png", "garbage", "application/json;q=0");

    /** Path parameters (already URL-encoded): ids past every edge, wrong types, injection shapes. */
    private static final List<String> PATH_VALUES = List.of(
            "0",
            "-1",
            "1",
            "9223372036854775807",
            "9223372036854775808",
            "1.5",
            "1e400",
            "abc",
            "null",
            "%00",
            "%27%20or%201%3D1",
            "%25",
            "_",
            "%F0%9F%98%80",
            "..%2F..%2Fetc",
            "9".repeat(40),
            "x".repeat(5_000));

    private final OpenApiDocument document;
    private final String cardCode;
    private final Map<String, String> decoys;
    private final List<String> inputNames;
    private final Random random;

    /**
     * @param cardCode a real card of the fuzzed tenant, put where a body or query names a card
     * @param decoys for a path template, the id of a real row of the fuzzed tenant
     */
    HostileRequests(OpenApiDocument document, String cardCode, Map<String, String> decoys, Random random) {
        this.document = document;
        this.cardCode = cardCode;
        this.decoys = decoys;
        this.random = random;
        Set<String> names = new TreeSet<>();
        document.operations().forEach(operation -> names.addAll(document.inputs(operation)));
        this.inputNames = List.copyOf(names);
    }

    HostileRequest request(Operation operation, Hostility hostility) {
        boolean hostileValues = hostility == Hostility.FIELD_VALUES;
        String target =
                operation.path().replaceAll("\\{[^}]+}", pathValue(operation)) + query(operation, hostileValues);
        JsonNode schema = document.requestSchema(operation);
        String plausibleBody = schema.isMissingNode() ? "{}" : plausible(schema, "", hostileValues);
        String body = switch (hostility) {
            case MALFORMED_BODY -> pick(MALFORMED_BODIES);
            case ARRAY_FOR_OBJECT -> "[" + plausibleBody + "]";
            case MISSING_BODY -> null;
            default -> plausibleBody;
        };
        Map<String, String> headers = switch (hostility) {
            case MISSING_BODY -> random.nextBoolean() ? JSON_CONTENT : Map.of();
            case WRONG_CONTENT_TYPE -> Map.of("Content-Type", pick(CONTENT_TYPES));
            case ODD_ACCEPT -> Map.of("Content-Type", "application/json", "Accept", pick(ACCEPTS));
            default -> JSON_CONTENT;
        };
        return new HostileRequest(operation.method(), target, body, headers, hostility);
    }

    /**
     * A value the schema accepts (its example where it has one). With {@code hostile}: a hostile
     * value instead, or inside an object one to three hostile fields, or in an array a hostile element.
     */
    private String plausible(JsonNode schemaOrRef, String name, boolean hostile) {
        JsonNode schema = document.resolve(schemaOrRef);
        String type = schema.path("type").asString();
        if (type.equals("object")) {
            return object(schema, hostile);
        }
        if (type.equals("array")) {
            return hostile && random.nextBoolean()
                    ? pick(VALUES)
                    : "[" + plausible(schema.path("items"), "", hostile) + "]";
        }
        if (hostile) {
            return pick(VALUES);
        }
        if (name.equals("cardCode")) {
            return quoted(cardCode);
        }
        if (schema.has("example")) {
            return schema.path("example").toString();
        }
        if (schema.has("enum")) {
            return schema.path("enum").path(0).toString();
        }
        return switch (type) {
            case "integer" -> "1";
            case "number" -> "1.00";
            case "boolean" -> "true";
            case "string" ->
                schema.path("format").asString().equals("date-time") ? "\"2026-01-15 10:00:00\"" : "\"fuzz-0001\"";
            default -> "{}";
        };
    }

    private String object(JsonNode schema, boolean hostile) {
        Map<String, String> fields = new LinkedHashMap<>();
        schema.path("properties")
                .properties()
                .forEach(property ->
                        fields.put(property.getKey(), plausible(property.getValue(), property.getKey(), false)));
        if (hostile) {
            List<String> names = new ArrayList<>(fields.keySet());
            names.add(pick(inputNames)); // a field this operation may not read at all
            for (int i = 0; i < 1 + random.nextInt(3); i++) {
                String name = names.get(random.nextInt(names.size()));
                fields.put(name, plausible(schema.path("properties").path(name), name, true));
            }
        }
        return fields.entrySet().stream()
                .map(field -> quoted(field.getKey()) + ":" + field.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    /** The documented query parameters, plausible; with {@code hostile}, one or two hostile and one unknown. */
    private String query(Operation operation, boolean hostile) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (JsonNode parameter : operation.parameters("query")) {
            String name = parameter.path("name").asString();
            parameters.put(name, text(plausible(parameter.path("schema"), name, false)));
        }
        if (hostile) {
            List<String> names = new ArrayList<>(parameters.keySet());
            names.add(pick(inputNames));
            for (int i = 0; i < 1 + random.nextInt(2); i++) {
                parameters.put(names.get(random.nextInt(names.size())), text(pick(VALUES)));
            }
        }
        if (parameters.isEmpty()) {
            return "";
        }
        return parameters.entrySet().stream()
                .map(parameter ->
                        parameter.getKey() + "=" + URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&", "?", ""));
    }

    /** A hostile path value, or one time in three the real row of the fuzzed tenant that the path names. */
    private String pathValue(Operation operation) {
        String decoy = decoys.get(operation.path());
        return decoy != null && random.nextInt(3) == 0
                ? URLEncoder.encode(decoy, StandardCharsets.UTF_8)
                : pick(PATH_VALUES);
    }

    /** What a JSON value says as plain text: a string's content, anything else as written. */
    private static String text(String json) {
        if (!json.startsWith("\"")) {
            return json;
        }
        JsonNode node = JSON.readTree(json);
        return node.asString();
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String quoted(String text) {
        return JSON.writeValueAsString(text);
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 200 ? String.valueOf(text) : text.substring(0, 200) + "…";
    }
}
