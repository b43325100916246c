package com.membercard.shared;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer of every command (op19–op40) and of every failure: {@code {status, message, data}}.
 * {@code data} is left out when there is nothing to carry.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Envelope<T>(int status, String message, T data) {

    public static <T> Envelope<T> ok(T data) {
        return new Envelope<>(BusinessCode.SUCCESS.code(), "OK", data);
    }

    public static Envelope<Void> ok() {
        return ok(null);
    }
}
