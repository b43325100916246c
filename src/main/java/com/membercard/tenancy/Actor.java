package com.membercard.tenancy;

/**
 * Who performs a command, as recorded on every bill and card event: the operator it is done for
 * (the request's {@code userId}, or else the signed-in operator), the API key it came through, the
 * shop, and the operator whose login it came with. The last one is the credential's, never the
 * request's: a signed-in operator who names a colleague as {@code userId} is still recorded as
 * themself beside the colleague, so a bill's actor cannot be forged by the body of a request.
 *
 * @param operatorId the cashier the request names ({@code userId}), or else the signed-in operator
 * @param apiKeyId the API key of the request, or null for a login
 * @param shopId the credential's shop, if any
 * @param signedInOperatorId the operator of the request's login token, or null for an API key
 */
public record Actor(Long operatorId, Long apiKeyId, Long shopId, Long signedInOperatorId) {

    /** The service itself, in its own jobs (the points expiry): no operator, key or shop. */
    public static final Actor SYSTEM = new Actor(null, null, null, null);
}
