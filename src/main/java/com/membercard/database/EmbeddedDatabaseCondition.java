package com.membercard.database;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The embedded PostgreSQL starts only when no external database is configured: neither one
 * ({@code spring.datasource.url}) nor the nodes of the sharded mode ({@code membercard.shards}).
 */
class EmbeddedDatabaseCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"))
                && !StringUtils.hasText(context.getEnvironment().getProperty("membercard.shards"));
    }
}
