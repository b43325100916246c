package com.membercard.card;

import com.membercard.shared.BusinessCode;
import com.membercard.shared.BusinessException;
import java.util.Arrays;
import java.util.List;

/**
 * The card states of DOMAIN.md "Cards" and the code each one refuses money and points with: the one
 * list of card statuses (op05 names them through {@link CardCodeLists}, a filter by status is bounded
 * by {@link #FIRST} and {@link #LAST}; the schema's check on {@code card.status} and those bounds are
 * held to it by a test).
 */
public enum CardStatus {
    NORMAL(1, null),
    LOST(2, BusinessCode.CARD_LOST),
    VOID(3, BusinessCode.CARD_VOID),
    RETURNED(4, BusinessCode.CARD_UNAVAILABLE);

    /** The lowest and highest code, as constants for a request's {@code @Min}/{@code @Max}. */
    public static final int FIRST = 1;

    public static final int LAST = 4;

    private final int code;
    private final BusinessCode refusal;

    CardStatus(int code, BusinessCode refusal) {
        this.code = code;
        this.refusal = refusal;
    }

    public int code() {
        return code;
    }

    public static List<Integer> codes() {
        return Arrays.stream(values()).map(CardStatus::code).toList();
    }

    public static CardStatus of(int code) {
        return Arrays.stream(values())
                .filter(status -> status.code == code)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("card status " + code));
    }

    /** Money and points move only on a normal card: 603 lost, 604 void, 601 returned. */
    public void requireUsable() {
        if (refusal != null) {
            throw new BusinessException(refusal);
        }
    }
}
