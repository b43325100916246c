package com.membercard.member;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A member with their current card flattened in: the fields of the original document's member
 * response. {@code cardMac} is always masked. In a page's {@code sumData} only the money and points
 * fields are set (sums over every matching row) and the rest are null.
 */
@JsonPropertyOrder({"cardId", "cardCode", "cardMac", "cardClassId", "cardClassName"})
public record MemberView(
        Long cardId,
        String cardCode,
        String cardMac,
        Long cardClassId,
        String cardClassName,
        BigDecimal totalRecharge,
        BigDecimal actualRecharge,
        BigDecimal giveRecharge,
        BigDecimal totalExpense,
        BigDecimal actualExpense,
        BigDecimal giveExpense,
        BigDecimal balance,
        BigDecimal actualBalance,
        BigDecimal giveBalance,
        Long totalPoints,
        Long actualPoints,
        Long usedPoints,
        LocalDateTime pointsDisabledDate,
        LocalDateTime effectiveTime,
        Integer cardStatus,
        String cardStatusName,
        Integer cardSendMode,
        String cardSendShopName,
        String name,
        Integer sex,
        LocalDateTime birthday,
        String phone,
        String idCard,
        String address,
        String code,
        Long memberLevelId,
        Integer memberLevel,
        String memberLevelName,
        List<Long> memberTagIds,
        List<String> memberTagNames,
        List<Tag> memberTags,
        Long id) {

    public record Tag(long id, String name) {}

    /** The sums of a list: money and points set, everything else null. */
    static MemberView sums(Totals totals) {
        return new MemberView(
                null,
                null,
                null,
                null,
                null,
                totals.actualRecharge().add(totals.giveRecharge()),
                totals.actualRecharge(),
                totals.giveRecharge(),
                totals.actualExpense().add(totals.giveExpense()),
                totals.actualExpense(),
                totals.giveExpense(),
                totals.actualBalance().add(totals.giveBalance()),
                totals.actualBalance(),
                totals.giveBalance(),
                totals.totalPoints(),
                totals.actualPoints(),
                totals.usedPoints(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** Count and sums over the rows of a list; the money fields are the nine independent ones. */
    record Totals(
            long members,
            BigDecimal actualRecharge,
            BigDecimal giveRecharge,
            BigDecimal actualExpense,
            BigDecimal giveExpense,
            BigDecimal actualBalance,
            BigDecimal giveBalance,
            long totalPoints,
            long actualPoints,
            long usedPoints) {}
}
