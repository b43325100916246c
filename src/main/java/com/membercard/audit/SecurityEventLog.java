package com.membercard.audit;

import com.membercard.shared.security.SecurityEvent;
import com.membercard.shared.web.ClientAddress;
import com.membercard.tenancy.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps every {@link SecurityEvent}, each in a transaction of its own ({@code REQUIRES_NEW}), so
 * that the event of a refused request stays although the request rolls back.
 *
 * <p>When. Published outside a transaction, the event is written at once, and a failure to write
 * it reaches the publisher: an export that cannot be recorded does not start. Published inside
 * one, it is written when that transaction has ended, committed or rolled back, and the row says
 * which ({@code rolled_back}). Written at once instead, it would claim a change that the rollback
 * then undid (a password "changed" that was not), and its transaction would run beside the
 * request's, holding a second connection while the request holds its locks; dropped on rollback
 * (Spring's {@code AFTER_COMMIT}), the attempts that the log is for would be lost. After the end
 * the request's outcome is decided, so a failure to write is logged and does not change the answer.
 *
 * <p>Who. What the publisher says; where it names neither an operator nor a key, the credential of
 * the request (the signed-in operator or the API key, never a field of the request), so that an
 * event raised deep in a module (a card locked) still says whose request raised it. The client
 * address likewise comes from the request when the publisher gives none.
 */
@Component
class SecurityEventLog {

    private static final Logger log = LoggerFactory.getLogger(SecurityEventLog.class);

    private final JdbcSecurityEvents events;
    private final TransactionTemplate ownTransaction;

    SecurityEventLog(JdbcSecurityEvents events, PlatformTransactionManager transactions) {
        this.events = events;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @EventListener
    void on(SecurityEvent published) {
        SecurityEvent event = withRequest(published);
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            write(event, false);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                try {
                    write(event, status == STATUS_ROLLED_BACK);
                } catch (RuntimeException e) {
                    log.error(
                            "security event not recorded: {} {} {}",
                            event.kind(),
                            event.tenantId(),
                            event.subject(),
                            e);
                }
            }
        });
    }

    private void write(SecurityEvent event, boolean rolledBack) {
        ownTransaction.executeWithoutResult(status -> events.insert(event, rolledBack));
    }

    /** The event, with the request's credential and address where the publisher left them out. */
    private static SecurityEvent withRequest(SecurityEvent event) {
        Long operatorId = event.operatorId();
        Long apiKeyId = event.apiKeyId();
        if (operatorId == null && apiKeyId == null) {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null && authentication.getPrincipal() instanceof Caller caller) {
                operatorId = caller.operatorId();
                apiKeyId = caller.apiKeyId();
            }
        }
        String address = event.clientAddress() != null ? event.clientAddress() : ClientAddress.current();
        return new SecurityEvent(
                event.tenantId(), event.kind(), operatorId, apiKeyId, event.subject(), address, event.detail());
    }
}
