package com.membercard.shared;

import org.springframework.http.HttpStatus;

/**
 * The business status codes of the original API document plus our extensions (400–409, 420–422, 450–452, 455,
 * 609–615).
 * The numeric code in an answer's {@code status} is the contract; the HTTP status is a courtesy.
 * Each code's text lives in messages*.properties under {@code code.<number>}.
 */
public enum BusinessCode {
    SUCCESS(200, HttpStatus.OK),
    INVALID_REQUEST(400, HttpStatus.BAD_REQUEST),
    NOT_AUTHENTICATED(401, HttpStatus.UNAUTHORIZED),
    FORBIDDEN(403, HttpStatus.FORBIDDEN),
    NOT_FOUND(404, HttpStatus.NOT_FOUND),
    CONFLICT(409, HttpStatus.CONFLICT),
    INTERNAL_ERROR(500, HttpStatus.INTERNAL_SERVER_ERROR),
    SERVICE_UNAVAILABLE(503, HttpStatus.SERVICE_UNAVAILABLE),
    /** A login token of an operator who must first replace a one-time password (the bootstrap administrator's). */
    PASSWORD_CHANGE_REQUIRED(420, HttpStatus.FORBIDDEN),
    /** Changing one's password: the current one is wrong, or its checks are throttled (the same answer). */
    WRONG_PASSWORD(421, HttpStatus.UNPROCESSABLE_ENTITY),
    /** A request body over the documented limit. */
    REQUEST_TOO_LARGE(422, HttpStatus.CONTENT_TOO_LARGE),
    /** Scan pay: the gateway an order went through (or a reconciliation names) is not configured for the tenant. */
    GATEWAY_NOT_CONFIGURED(450, HttpStatus.UNPROCESSABLE_ENTITY),
    /** op26: the scan payment paid a recharge, so its money is on a card: refund it along the card (op27). */
    SCAN_PAYMENT_ON_CARD(451, HttpStatus.UNPROCESSABLE_ENTITY),
    /** op27: a payment record not paid through a gateway by scan pay (cash, an unlinked transfer): refund it by hand (op32). */
    RECORD_NOT_ONLINE(452, HttpStatus.UNPROCESSABLE_ENTITY),
    /** Scan pay: no payment gateway takes this wallet's codes for the tenant (none configured, or another wallet's only). */
    NO_PAYMENT_GATEWAY(455, HttpStatus.UNPROCESSABLE_ENTITY),
    CARD_UNAVAILABLE(601, HttpStatus.UNPROCESSABLE_ENTITY),
    CARD_NOT_FOUND(602, HttpStatus.NOT_FOUND),
    CARD_LOST(603, HttpStatus.UNPROCESSABLE_ENTITY),
    CARD_VOID(604, HttpStatus.UNPROCESSABLE_ENTITY),
    INSUFFICIENT_BALANCE(605, HttpStatus.UNPROCESSABLE_ENTITY),
    PAY_CODE_EXPIRED(606, HttpStatus.UNPROCESSABLE_ENTITY),
    INSUFFICIENT_POINTS(607, HttpStatus.UNPROCESSABLE_ENTITY),
    GIFT_UNAVAILABLE(608, HttpStatus.UNPROCESSABLE_ENTITY),
    WRONG_PIN(609, HttpStatus.UNPROCESSABLE_ENTITY),
    CARD_LOCKED(610, HttpStatus.UNPROCESSABLE_ENTITY),
    NOT_ALLOWED_IN_STATE(611, HttpStatus.UNPROCESSABLE_ENTITY),
    REFUND_EXCEEDS_PAID(612, HttpStatus.UNPROCESSABLE_ENTITY),
    SECRET_GUESSING(613, HttpStatus.TOO_MANY_REQUESTS),
    GIFT_MONEY_REFUSED(614, HttpStatus.UNPROCESSABLE_ENTITY),
    /**
     * Sharded mode: the tenant is being moved to another node and its writes are paused for a few
     * seconds; nothing of the request was kept. Retry (HTTP 503 with Retry-After).
     */
    TENANT_MOVING(615, HttpStatus.SERVICE_UNAVAILABLE),
    PAYMENT_SUCCEEDED(701, HttpStatus.OK),
    PAYMENT_FAILED(702, HttpStatus.BAD_GATEWAY),
    PAYMENT_UNKNOWN(703, HttpStatus.GATEWAY_TIMEOUT),
    SCAN_CODE_EXPIRED(704, HttpStatus.UNPROCESSABLE_ENTITY),
    DUPLICATE_SERIAL(801, HttpStatus.OK),
    DAY_NOT_CLOSED(901, HttpStatus.OK),
    DAY_END_RUNNING(902, HttpStatus.CONFLICT),
    DAY_END_INTERRUPTED(903, HttpStatus.CONFLICT),
    DAY_END_DONE(904, HttpStatus.OK),
    DAY_END_AMOUNTS_CHANGED(905, HttpStatus.CONFLICT),
    CANNOT_PURCHASE(1001, HttpStatus.UNPROCESSABLE_ENTITY),
    SOLD_OUT(1002, HttpStatus.UNPROCESSABLE_ENTITY),
    PAYMENT_TIMED_OUT(1003, HttpStatus.GATEWAY_TIMEOUT);

    private final int code;
    private final HttpStatus httpStatus;

    BusinessCode(int code, HttpStatus httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public int code() {
        return code;
    }

    public HttpStatus httpStatus() {
        return httpStatus;
    }

    public String messageKey() {
        return "code." + code;
    }
}
