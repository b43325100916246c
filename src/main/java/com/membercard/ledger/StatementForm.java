package com.membercard.ledger;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Whether the ledger writes what belongs together in one statement (data-modifying CTEs: one round
 * trip, one snapshot) or in separate statements of the same transaction: the same rows either way
 * ({@code LedgerStatementFormsTest}). Separate where a CTE that writes cannot be parsed: by default
 * in the sharded mode ({@code membercard.shards}), whose SQL parser (ShardingSphere's) refuses
 * them; {@code membercard.ledger.separate-statements} says so explicitly.
 */
@Component
class StatementForm {

    private final boolean separate;

    StatementForm(Environment environment) {
        this.separate = environment.getProperty(
                "membercard.ledger.separate-statements",
                Boolean.class,
                StringUtils.hasText(environment.getProperty("membercard.shards")));
    }

    boolean separate() {
        return separate;
    }
}
