package com.membercard.shared.web;

import com.membercard.shared.BusinessCode;
import com.membercard.shared.Envelope;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the failure envelope in the caller's language. Used by the MVC exception handler and by the
 * security filters, which answer before MVC is reached, so both speak with one voice.
 */
@Component
public class ErrorEnvelopes {

    private final MessageSource messages;
    private final JsonMapper json;
    private final LocaleResolver locales;

    ErrorEnvelopes(MessageSource messages, JsonMapper json, LocaleResolver locales) {
        this.messages = messages;
        this.json = json;
        this.locales = locales;
    }

    public String message(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }

    public ResponseEntity<Envelope<Object>> of(BusinessCode code, String message, Object data) {
        return ResponseEntity.status(code.httpStatus()).body(new Envelope<>(code.code(), message, data));
    }

    /** A 400 naming the field: the message starts with it, and {@code data.field} carries it. */
    public ResponseEntity<Envelope<Object>> invalidField(String field, String reason) {
        return fieldError(BusinessCode.INVALID_REQUEST, field, reason);
    }

    public ResponseEntity<Envelope<Object>> fieldError(BusinessCode code, String field, String reason) {
        return of(code, field + ": " + reason, Map.of("field", field));
    }

    /** For filters, which run before MVC has set the request's language. */
    public void write(
            HttpServletRequest request,
            HttpServletResponse response,
            int httpStatus,
            BusinessCode code,
            String messageKey)
            throws IOException {
        String message = messages.getMessage(messageKey, null, messageKey, locales.resolveLocale(request));
        response.setStatus(httpStatus);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        json.writeValue(response.getOutputStream(), new Envelope<>(code.code(), message, null));
    }
}
