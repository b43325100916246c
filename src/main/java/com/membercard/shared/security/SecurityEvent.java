package com.membercard.shared.security;

/**
 * Something the administrators must be able to see afterwards (issue 10, item 7): a sign-in and its
 * failures, a lock, a change of keys, roles or passwords, an export, an import, a migration. Any
 * module publishes one through Spring's {@code ApplicationEventPublisher}; the audit module keeps
 * it, insert-only, in a transaction of its own, so that the event of a refused request is kept
 * although the request's own transaction rolls back.
 *
 * @param tenantId the tenant it concerns; null for the platform (a platform administrator's act)
 * @param operatorId the operator who acted or was acted upon, when known
 * @param apiKeyId the API key the request came through, when one
 * @param subject what it was about, in words an administrator searches for (a username, a card
 *     code); never a secret, a PIN or a password
 * @param clientAddress the remote address of the request, when there is one
 * @param detail a short free text (the reason, a count); never a secret
 */
public record SecurityEvent(
        Long tenantId, Kind kind, Long operatorId, Long apiKeyId, String subject, String clientAddress, String detail) {

    public enum Kind {
        SIGN_IN,
        SIGN_IN_FAILED,
        SIGN_IN_THROTTLED,
        SIGN_OUT,
        PASSWORD_CHANGED,
        OPERATOR_CREATED,
        OPERATOR_CHANGED,
        OPERATOR_DEACTIVATED,
        API_KEY_CREATED,
        API_KEY_REVOKED,
        /** A key's name, role, shop or expiry edited; the detail says what changed, old -> new. */
        API_KEY_CHANGED,
        CARD_LOCKED,
        CARD_SECRET_MISSES_THROTTLED,
        CARD_PIN_CHANGED,
        CARD_PIN_CLEARED,
        GIFT_MONEY_OVERRIDE,
        CROSS_TENANT_READ,
        EXPORT,
        IMPORT,
        MIGRATION,
        /** A tenant's payment gateway settings changed (scan pay); never with a secret. */
        PAYMENT_GATEWAY_CHANGED,
        /** A platform administrator started or resumed moving a tenant to another node (sharded mode). */
        TENANT_MOVE
    }
}
