package com.membercard.shared;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * A refusal with a business status code. The message is looked up by key in the caller's language
 * ({@code messages_zh_CN.properties} / {@code messages_en.properties}) with {@code args} filled in.
 */
public class BusinessException extends RuntimeException {

    private final BusinessCode code;
    private final String messageKey;
    private final transient Object[] args;

    public BusinessException(BusinessCode code, String messageKey, Object... args) {
        super(messageKey);
        this.code = code;
        this.messageKey = messageKey;
        this.args = args;
    }

    public BusinessException(BusinessCode code) {
        this(code, code.messageKey());
    }

    /** 404 for one kind of thing; {@code entityKey} names it in messages ("entity.cardClass"). */
    public static BusinessException notFound(String entityKey) {
        return new BusinessException(BusinessCode.NOT_FOUND, "error.notFound", entity(entityKey));
    }

    /** 611: the thing is still referred to, so it stays. */
    public static BusinessException inUse(String entityKey) {
        return new BusinessException(BusinessCode.NOT_ALLOWED_IN_STATE, "error.inUse", entity(entityKey));
    }

    private static MessageSourceResolvable entity(String entityKey) {
        return new DefaultMessageSourceResolvable(new String[] {entityKey}, entityKey);
    }

    public static BusinessException invalid(String field, String reasonKey, Object... reasonArgs) {
        return new InvalidFieldException(BusinessCode.INVALID_REQUEST, field, reasonKey, reasonArgs);
    }

    /** 409: the value of {@code field} belongs to something else already (a username, a card code). */
    public static BusinessException taken(String field) {
        return new InvalidFieldException(BusinessCode.CONFLICT, field, "error.taken");
    }

    public BusinessCode code() {
        return code;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args;
    }
}
