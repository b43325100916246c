package com.membercard.shared.jdbc;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Whether the ledger runs what belongs together in one statement (data-modifying CTEs: one round
 * trip, one snapshot) or in separate plain statements of the same transaction: the same rows either
 * way ({@code LedgerStatementFormsTest}). Separate where the one statement cannot be parsed: a
 * statement that goes through ShardingSphere ({@link TenantNode#throughShardingSphere}), whose SQL
 * parser refuses a CTE that writes, pinned or not; so in the sharded mode a tenant's API request, sent
 * straight to its node, runs the one statement, and a background job the separate ones. {@code
 * membercard.ledger.separate-statements} decides it for every statement instead.
 */
@Component
// public on purpose: the ledger's writers (JdbcLedger, PointsLots) choose their SQL by it
public class StatementForm {

    private final Boolean separateAlways;
    private final TenantNode tenantNode;

    public StatementForm(Environment environment, TenantNode tenantNode) {
        this.separateAlways = environment.getProperty("membercard.ledger.separate-statements", Boolean.class);
        this.tenantNode = tenantNode;
    }

    /** For the statements this thread is about to run. */
    public boolean separate() {
        return separateAlways != null ? separateAlways : tenantNode.throughShardingSphere();
    }
}
