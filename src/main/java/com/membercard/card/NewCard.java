package com.membercard.card;

import java.time.OffsetDateTime;

/** What opening a card needs; {@code pin} may be null (no PIN), {@code shopId} too (issued centrally). */
public record NewCard(
        long memberId,
        String code,
        String mac,
        String pin,
        long classId,
        long memberLevelId,
        int sendMode,
        Long shopId,
        OffsetDateTime effectiveTime) {}
