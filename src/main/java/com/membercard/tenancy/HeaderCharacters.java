package com.membercard.tenancy;

/**
 * The characters Spring Security's strict firewall lets through in header names and values and in
 * parameter names, as its defaults define them ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*}, and for
 * a header's value a tab as well), checked by a loop over the code points: printable ASCII, nearly
 * every header, passes without a look-up of its Unicode class ({@link SecurityConfig#firewall}).
 */
final class HeaderCharacters {

    private HeaderCharacters() {}

    /** A header's or a parameter's name: assigned code points, no control character. */
    static boolean isAllowedName(String name) {
        return allAllowed(name, false);
    }

    /** A header's value: as a name, and a tab too. */
    static boolean isAllowedValue(String value) {
        return allAllowed(value, true);
    }

    private static boolean allAllowed(String text, boolean tabAllowed) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c >= 0x20 && c < 0x7f) {
                continue; // printable ASCII
            }
            int type = Character.getType(c);
            if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tabAllowed && c == '\t'))) {
                return false;
            }
        }
        return true;
    }
}
