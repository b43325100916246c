package com.membercard.audit;

import java.time.LocalDateTime;

/**
 * One event of the log as the API shows it, {@code time} in the tenant's time zone (the platform's
 * events in the default zone).
 *
 * @param tenantId null for the platform's events
 * @param operatorId the operator who acted or was acted upon; else the signed-in operator of the
 *     request that raised it
 * @param apiKeyId the API key of the request that raised it, if one
 * @param rolledBack raised inside a transaction that then rolled back: the attempt, not a change
 */
record SecurityEventView(
        long id,
        LocalDateTime time,
        String kind,
        Long tenantId,
        Long operatorId,
        Long apiKeyId,
        String subject,
        String clientAddress,
        String detail,
        boolean rolledBack) {}
