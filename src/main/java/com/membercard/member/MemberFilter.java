package com.membercard.member;

import java.time.OffsetDateTime;

/**
 * What op02/op03/op04 filter members by; every part is optional. {@code keyword} matches a name or
 * phone containing it, or a member or card code starting with it.
 */
public record MemberFilter(
        String keyword,
        Long levelId,
        Long shopId,
        Integer status,
        Long classId,
        OffsetDateTime openedFrom,
        OffsetDateTime openedBefore) {

    public static MemberFilter keywordOnly(String keyword) {
        return new MemberFilter(keyword, null, null, null, null, null, null);
    }

    /** True when the filter names nothing but groups of cards (level, shop, class, status), or nothing. */
    boolean onlyGroups() {
        return keyword == null && openedFrom == null && openedBefore == null;
    }
}
