package com.membercard.shared.web;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.springframework.boot.jackson.JacksonComponent;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;

/**
 * Dates travel as {@code yyyy-MM-dd HH:mm:ss}, the format of the original document's examples,
 * already in the tenant's time zone; a date alone ({@code yyyy-MM-dd}) is accepted on input.
 */
@JacksonComponent
public final class DateTimeJson {

    public static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private DateTimeJson() {}

    /** Parses either form; a bare date means the start of that day. */
    public static LocalDateTime parse(String text) {
        String trimmed = text.trim();
        if (trimmed.length() == 10) {
            return LocalDate.parse(trimmed).atStartOfDay();
        }
        return LocalDateTime.parse(trimmed, DATE_TIME);
    }

    public static final class Serializer extends ValueSerializer<LocalDateTime> {
        @Override
        public void serialize(LocalDateTime value, JsonGenerator gen, SerializationContext ctxt) {
            gen.writeString(DATE_TIME.format(value));
        }
    }

    public static final class Deserializer extends ValueDeserializer<LocalDateTime> {
        @Override
        public LocalDateTime deserialize(JsonParser parser, DeserializationContext ctxt) {
            String text = parser.getValueAsString();
            if (text == null || text.isBlank()) {
                return null;
            }
            try {
                return parse(text);
            } catch (DateTimeParseException e) {
                return (LocalDateTime) ctxt.handleWeirdStringValue(
                        LocalDateTime.class, text, "expected yyyy-MM-dd HH:mm:ss or yyyy-MM-dd");
            }
        }
    }
}
