package com.membercard.card;

import java.util.Arrays;
import java.util.List;

/**
 * How a card was issued (发卡方式): the one list of send modes. The dictionary (op06) names them
 * through {@link CardCodeLists}, a member's request is bounded by {@link #FIRST} and {@link #LAST},
 * and a card opened without one is {@link #DEFAULT}; the schema's check on {@code card.send_mode}
 * is held to this list by a test.
 */
public enum CardSendMode {
    AT_SHOP(1),
    ELECTRONIC(2),
    IMPORTED(3),
    MIGRATED(4);

    /** The lowest and highest code, as constants for a request's {@code @Min}/{@code @Max}. */
    public static final int FIRST = 1;

    public static final int LAST = 4;

    public static final CardSendMode DEFAULT = AT_SHOP;

    private final int code;

    CardSendMode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static List<Integer> codes() {
        return Arrays.stream(values()).map(CardSendMode::code).toList();
    }
}
