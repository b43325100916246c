package com.membercard.sharding;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** The sharded mode is on when {@code MEMBERCARD_SHARDS} names its nodes; off, nothing of it exists. */
class ShardedModeCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return StringUtils.hasText(context.getEnvironment().getProperty("membercard.shards"));
    }
}
