package com.membercard.member;

/**
 * The forms of a phone number and of member and card codes, once: what op19/op20 accept
 * ({@link MemberRequest}) and what the keyword search takes for a phone or a code
 * ({@link JdbcMemberQueries}). Constants, so that validation annotations can name them.
 */
final class MemberPatterns {

    /** An optional + and then digits and dashes. */
    private static final String PHONE_PREFIX = "\\+?";

    private static final String PHONE_CHARACTER = "[0-9-]";

    /** A whole phone number: 5 to 20 digits and dashes. */
    static final String PHONE = PHONE_PREFIX + PHONE_CHARACTER + "{5,20}";

    /** A part of a phone number, as a keyword may hold one. */
    static final String PHONE_FRAGMENT = PHONE_PREFIX + PHONE_CHARACTER + "+";

    /** A member code or a card code (or the start of one, in a search). */
    static final String CODE = "[A-Za-z0-9_-]+";

    private MemberPatterns() {}
}
