package com.membercard.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.ledger.Reconciliation;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * After every integration test: every card of every tenant must equal its ledger, and the member
 * totals the sums of the cards. A test that leaves any difference fails, whatever it asserted.
 */
public class LedgerReconciled implements AfterEachCallback {

    @Override
    public void afterEach(ExtensionContext context) {
        Reconciliation reconciliation =
                SpringExtension.getApplicationContext(context).getBean(Reconciliation.class);
        assertThat(reconciliation.differences(null))
                .as("cards whose cache differs from their ledger")
                .isEmpty();
    }
}
