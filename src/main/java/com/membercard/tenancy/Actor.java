package com.membercard.tenancy;

/**
 * Who performs a command, as recorded on every bill and card event: the operator (the request's
 * {@code userId}, or the signed-in operator), the API key it came through, and the shop.
 */
public record Actor(Long operatorId, Long apiKeyId, Long shopId) {}
