/**
 * The security event log (issue 10, item 7): every {@code SecurityEvent} another module publishes,
 * kept insert-only in a transaction of its own, and read by a tenant's administrators (their
 * tenant's events) and the platform administrator (the platform's, or a tenant's, which is itself
 * recorded as a cross-tenant read).
 */
@ModuleTables(owns = "security_event")
package com.membercard.audit;

import com.membercard.shared.ModuleTables;
