package com.membercard.support;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The service's own OpenAPI document, read as the list of its operations. The fuzzer and the attack
 * suite enumerate the API from here, so an endpoint added to the service is covered (or fails the
 * coverage check) without anyone remembering to list it.
 */
public final class OpenApiDocument {

    /** One operation: {@code GET /api/v1/members/{id}} and its definition in the document. */
    public record Operation(String method, String path, JsonNode definition) {

        /** {@code "GET /api/v1/members/{id}"}: how the tables of the tests name an operation. */
        public String key() {
            return method + " " + path;
        }

        /** The parameters of one kind ({@code query}, {@code path}, {@code header}). */
        public List<JsonNode> parameters(String in) {
            return definition
                    .path("parameters")
                    .valueStream()
                    .filter(parameter -> in.equals(parameter.path("in").asString()))
                    .toList();
        }

        @Override
        public String toString() {
            return key();
        }
    }

    private final JsonNode document;

    private OpenApiDocument(JsonNode document) {
        this.document = document;
    }

    public static OpenApiDocument of(Api anyone) {
        Api.Response answer = anyone.get("/v3/api-docs");
        if (answer.http() != 200) {
            throw new IllegalStateException("no OpenAPI document: " + answer);
        }
        return new OpenApiDocument(answer.body());
    }

    /** Every (method, path) of the document. */
    public List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        document.path("paths")
                .properties()
                .forEach(path -> path.getValue()
                        .properties()
                        .forEach(method -> operations.add(
                                new Operation(method.getKey().toUpperCase(), path.getKey(), method.getValue()))));
        return operations;
    }

    /** The schema of the request body (its {@code $ref} followed), or a missing node. */
    public JsonNode requestSchema(Operation operation) {
        return resolve(operation
                .definition()
                .path("requestBody")
                .path("content")
                .path("application/json")
                .path("schema"));
    }

    /** Whether a success answers the envelope {@code {status, message, data}} (commands) or a bare body (queries). */
    public boolean answersEnvelope(Operation operation) {
        return operation
                .definition()
                .path("responses")
                .path("200")
                .path("content")
                .path("*/*")
                .path("schema")
                .path("$ref")
                .asString()
                .startsWith("#/components/schemas/Envelope");
    }

    /** The names an operation reads: its query parameters and the top-level fields of its body. */
    public Set<String> inputs(Operation operation) {
        Set<String> names = new LinkedHashSet<>();
        operation
                .parameters("query")
                .forEach(parameter -> names.add(parameter.path("name").asString()));
        requestSchema(operation).path("properties").propertyNames().forEach(names::add);
        return names;
    }

    /** A schema with its {@code $ref} (to {@code #/components/schemas/…}) followed. */
    public JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asString();
        if (ref.isEmpty()) {
            return schema;
        }
        return document.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
    }
}
