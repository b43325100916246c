package com.membercard.member;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.membercard.shared.Money;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A member with their current card flattened in: the fields of the original document's member
 * response. {@code cardMac} is always masked; {@code phone} and {@code idCard} for whom {@link
 * PersonalData} says. In a page's {@code sumData} only the money and points
 * fields are set (sums over every matching row) and the rest are null.
 */
@JsonPropertyOrder({"cardId", "cardCode", "cardMac", "cardClassId", "cardClassName"})
public record MemberView(
        Long cardId,
        String cardCode,
        String cardMac,
        Long cardClassId,
        String cardClassName,
        Money totalRecharge,
        Money actualRecharge,
        Money giveRecharge,
        Money totalExpense,
        Money actualExpense,
        Money giveExpense,
        Money balance,
        Money actualBalance,
        Money giveBalance,
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

    /** The same member with the phone and the ID card number masked ({@link PersonalData}). */
    MemberView withPersonalDataMasked() {
        return new MemberView(
                cardId,
                cardCode,
                cardMac,
                cardClassId,
                cardClassName,
                totalRecharge,
                actualRecharge,
                giveRecharge,
                totalExpense,
                actualExpense,
                giveExpense,
                balance,
                actualBalance,
                giveBalance,
                totalPoints,
                actualPoints,
                usedPoints,
                pointsDisabledDate,
                effectiveTime,
                cardStatus,
                cardStatusName,
                cardSendMode,
                cardSendShopName,
                name,
                sex,
                birthday,
                PersonalData.maskPhone(phone),
                PersonalData.maskIdCard(idCard),
                address,
                code,
                memberLevelId,
                memberLevel,
                memberLevelName,
                memberTagIds,
                memberTagNames,
                memberTags,
                id);
    }

    /** The sums of a list: money and points set, everything else null. */
    static MemberView sums(Totals totals) {
        return new MemberView(
                null,
                null,
                null,
                null,
                null,
                totals.actualRecharge().plus(totals.giveRecharge()),
                totals.actualRecharge(),
                totals.giveRecharge(),
                totals.actualExpense().plus(totals.giveExpense()),
                totals.actualExpense(),
                totals.giveExpense(),
                totals.actualBalance().plus(totals.giveBalance()),
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
            Money actualRecharge,
            Money giveRecharge,
            Money actualExpense,
            Money giveExpense,
            Money actualBalance,
            Money giveBalance,
            long totalPoints,
            long actualPoints,
            long usedPoints) {}
}
