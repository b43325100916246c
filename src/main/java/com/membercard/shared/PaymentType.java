package com.membercard.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How money came in or went out: the original document's payment types (1 cash … 10 UnionPay), as
 * {@code /dicts/payment-types} lists them. On the wire and in the database it is its number.
 */
public enum PaymentType {
    CASH(1),
    MEMBER_CARD(2),
    WECHAT(3),
    ALIPAY(4),
    DISCOUNT(5),
    WECHAT_OFFLINE(6),
    ALIPAY_OFFLINE(7),
    DONGFU(8),
    OTHER(9),
    UNIONPAY(10);

    private final int code;

    PaymentType(int code) {
        this.code = code;
    }

    @JsonValue
    public int code() {
        return code;
    }

    /** Money of this type came through a payment gateway and can go back through it (op27). */
    public boolean online() {
        return this == WECHAT || this == ALIPAY || this == UNIONPAY;
    }

    /** The type numbered {@code code}, if there is one. */
    public static Optional<PaymentType> of(Integer code) {
        if (code == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(t -> t.code == code).findFirst();
    }

    /** The type numbered {@code code}; a number that is none is a programming error here (input is validated). */
    @JsonCreator
    public static PaymentType ofCode(int code) {
        return of(code).orElseThrow(() -> new IllegalArgumentException("no payment type " + code));
    }

    /** The type of a validated request field, or null when absent. */
    public static PaymentType orNull(Integer code) {
        return code == null ? null : ofCode(code);
    }

    public static List<PaymentType> all() {
        return List.of(values());
    }
}
