package com.membercard.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The firewall's header checks let through exactly what Spring Security's default expressions do:
 * every code point alone, and strings mixing them (surrogate pairs, a lone surrogate, a tab).
 */
class HeaderCharactersTest {

    /** Spring Security's StrictHttpFirewall defaults, as its source defines them. */
    private static final Pattern DEFAULT_NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

    private static final Pattern DEFAULT_VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void everyCodePointPassesOrFailsAsWithTheDefaultExpressions() {
        int refused = 0;
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            String text = new String(Character.toChars(c));
            assertSameAsTheDefaults(text, "U+%04X".formatted(c));
            refused += HeaderCharacters.isAllowedValue(text) ? 0 : 1;
        }
        assertThat(refused).as("control and unassigned code points refused").isGreaterThan(800_000);
    }

    @Test
    void stringsPassOrFailAsWithTheDefaultExpressions() {
        List<String> samples = List.of(
                "",
                "Bearer mk_EuAfsfUeEQ65ITQniAQSfPRpMxicx7ZHgXMQ_Nq4xBw",
                "application/json; charset=UTF-8",
                "会员卡 \uD83D\uDCB3 card",
                "a\tb",
                "a\u0000b",
                "line\r\nInjected: yes",
                "\u007f",
                "lone \uD800 surrogate",
                "\uDC00 then text",
                "unassigned \u0378 code point",
                "\uDB40\uDC01 a tag");
        for (String text : samples) {
            assertSameAsTheDefaults(text, text);
        }
        assertThat(HeaderCharacters.isAllowedValue("a\tb")).isTrue();
        assertThat(HeaderCharacters.isAllowedName("a\tb")).isFalse();
        assertThat(HeaderCharacters.isAllowedValue("line\r\nInjected: yes")).isFalse();
    }

    private static void assertSameAsTheDefaults(String text, String label) {
        assertThat(HeaderCharacters.isAllowedName(text))
                .as("name %s", label)
                .isEqualTo(DEFAULT_NAME.matcher(text).matches());
        assertThat(HeaderCharacters.isAllowedValue(text))
                .as("value %s", label)
                .isEqualTo(DEFAULT_VALUE.matcher(text).matches());
    }
}
