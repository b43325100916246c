package com.membercard.shared;

/** A refusal that names the offending request field (400, or 409 for a value already taken). */
public final class InvalidFieldException extends BusinessException {

    private final String field;

    InvalidFieldException(BusinessCode code, String field, String reasonKey, Object... reasonArgs) {
        super(code, reasonKey, reasonArgs);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
