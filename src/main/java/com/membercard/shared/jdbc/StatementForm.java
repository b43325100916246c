package com.membercard.shared.jdbc;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Whether the ledger runs what belongs together in one statement (data-modifying CTEs: one round
 * trip, one snapshot) or in separate plain statements of the same transaction: the same rows either
 * way ({@code LedgerStatementFormsTest}). Separate where the one statement cannot be parsed: by
 * default in the sharded mode ({@code membercard.shards}), whose SQL parser (ShardingSphere's)
 * refuses a CTE that writes, pinned ({@link TenantNode}) or not; {@code
 * membercard.ledger.separate-statements} says so explicitly.
 */
@Component
// public on purpose: the ledger's writers (JdbcLedger, PointsLots) choose their SQL by it
public class StatementForm {

    private final boolean separate;

    public StatementForm(Environment environment) {
        this.separate = environment.getProperty(
                "membercard.ledger.separate-statements",
                Boolean.class,
                StringUtils.hasText(environment.getProperty("membercard.shards")));
    }

    public boolean separate() {
        return separate;
    }
}
