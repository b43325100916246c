package com.membercard.member;

import com.membercard.tenancy.Role;
import java.util.function.UnaryOperator;

/**
 * Who sees a member's phone and ID card number in full (issue 10, item 10); everyone else sees them
 * masked: {@code 138****5678}, an ID card's first 4 and last 4.
 *
 * <ul>
 *   <li>Tenant administrators: in full, everywhere, the export too: they run the tenant's members.
 *   <li>Cashiers: in full on the member views (op01, op02, op03, op07), where they find a member by
 *       phone at the till and confirm it with them; masked in the export (op04), which no till needs.
 *   <li>Auditors: masked everywhere: they check figures, not people.
 *   <li>The platform administrator, who reaches only the export (op04) of a tenant it names: masked.
 * </ul>
 *
 * Every export is recorded in the security event log, saying whether it held them in full. Public
 * on purpose: the admin console shows members by the same rule.
 */
public final class PersonalData {

    /** Where a member is shown. */
    public enum Purpose {
        VIEW,
        EXPORT
    }

    private PersonalData() {}

    static boolean shownInFull(Role role, Purpose purpose) {
        return switch (role) {
            case TENANT_ADMIN -> true;
            case CASHIER -> purpose == Purpose.VIEW;
            case AUDITOR, PLATFORM_ADMIN -> false;
        };
    }

    /** How {@code role} is shown members for {@code purpose}. */
    public static UnaryOperator<MemberView> forRole(Role role, Purpose purpose) {
        return shownInFull(role, purpose) ? UnaryOperator.identity() : MemberView::withPersonalDataMasked;
    }

    /** The first 3 and the last 4 of a phone (of 11 or more characters; a shorter one its last 2). */
    static String maskPhone(String phone) {
        return mask(phone, 3, 4);
    }

    /** The first 4 and the last 4 of an ID card number (of 12 or more; a shorter one its last 2). */
    static String maskIdCard(String idCard) {
        return mask(idCard, 4, 4);
    }

    /**
     * Keeps the first {@code head} and the last {@code tail} characters, hiding at least 4 between;
     * a value too short for that keeps only its last 2 (nothing, at 4 characters or fewer).
     */
    private static String mask(String value, int head, int tail) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        int length = value.length();
        if (length < head + tail + 4) {
            head = 0;
            tail = length > 4 ? 2 : 0;
        }
        return value.substring(0, head) + "*".repeat(length - head - tail) + value.substring(length - tail);
    }
}
