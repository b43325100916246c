package com.membercard.shared.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The business status codes an operation can answer besides 200, 401 and 403 (which every
 * protected operation can). The OpenAPI document lists them, with their texts, on the operation.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface BusinessCodes {
    int[] value();
}
