package com.membercard.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the tests: JSON in and out, a bearer credential, nothing hidden. */
public final class Api {

    /** One answer: the HTTP status and the body as JSON (a text node when it is not JSON). */
    public record Response(int http, JsonNode body, String raw) {

        /** The business code of an envelope. */
        public int status() {
            return body.path("status").asInt();
        }

        public JsonNode data() {
            return body.path("data");
        }

        public String message() {
            return body.path("message").asString();
        }

        @Override
        public String toString() {
            return http + " " + raw;
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final String credential;
    private final String language;
    private final Duration timeout;

    Api(String baseUrl, String credential, String language) {
        this(baseUrl, credential, language, null);
    }

    private Api(String baseUrl, String credential, String language, Duration timeout) {
        this.baseUrl = baseUrl;
        this.credential = credential;
        this.language = language;
        this.timeout = timeout;
    }

    /** An anonymous client of the service at {@code baseUrl}. */
    public static Api at(String baseUrl) {
        return new Api(baseUrl, null, null);
    }

    /** The same client speaking as someone else (null: no credential at all). */
    public Api as(String otherCredential) {
        return new Api(baseUrl, otherCredential, language, timeout);
    }

    public Api inEnglish() {
        return new Api(baseUrl, credential, "en", timeout);
    }

    /** The same client giving up on an answer after {@code patience} (an {@link java.net.http.HttpTimeoutException}). */
    public Api withTimeout(Duration patience) {
        return new Api(baseUrl, credential, language, patience);
    }

    public String credential() {
        return credential;
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    public Response post(String path, Object body) {
        return send("POST", path, body);
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body);
    }

    /** Sends {@code body} as is when it is a String (to test malformed JSON), else as JSON. */
    public Response send(String method, String path, Object body) {
        String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        return sendRaw(method, path, text, text == null ? Map.of() : Map.of("Content-Type", "application/json"));
    }

    /**
     * Sends {@code body} (null: none) with exactly the {@code headers} given besides the credential
     * and language: for requests no well-behaved client would send (a wrong Content-Type, an odd Accept).
     */
    public Response sendRaw(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        if (credential != null) {
            request.header("Authorization", "Bearer " + credential);
        }
        if (language != null) {
            request.header("Accept-Language", language);
        }
        if (timeout != null) {
            request.timeout(timeout);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), parse(response.body()), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (RuntimeException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }
}
