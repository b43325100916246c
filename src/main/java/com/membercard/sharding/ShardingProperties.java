package com.membercard.sharding;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the sharded mode.
 *
 * @param shards the nodes' JDBC URLs ({@code MEMBERCARD_SHARDS}, comma-separated); node 0 first,
 *     which also holds the placement directory. Empty: single-node mode
 * @param shard the roles every node is reached as
 */
@ConfigurationProperties("membercard")
record ShardingProperties(
        @DefaultValue List<String> shards, @DefaultValue Shard shard) {

    /**
     * @param username the service's role on every node ({@code MEMBERCARD_SHARD_USERNAME}): reads and
     *     writes rows, owns nothing
     * @param password its password ({@code MEMBERCARD_SHARD_PASSWORD})
     * @param ownerUsername the schema's owner on every node, that Flyway migrates as
     *     ({@code MEMBERCARD_SHARD_OWNER_USERNAME})
     * @param ownerPassword its password ({@code MEMBERCARD_SHARD_OWNER_PASSWORD})
     * @param sqlShow log every statement with the nodes it went to ({@code MEMBERCARD_SHARD_SQL_SHOW})
     * @param placementRefresh how often each instance re-reads the placements it has cached
     *     ({@code MEMBERCARD_SHARD_PLACEMENT_REFRESH}); none is used older than three of these
     * @param movePauseLimit how long a tenant move waits, its tenant's writes paused, for the old node's
     *     transactions that began before the pause ({@code MEMBERCARD_SHARD_MOVE_PAUSE_LIMIT}); past it
     *     the pause is lifted and the move resumes from its catch-up
     */
    record Shard(
            @DefaultValue("membercard_app") String username,
            String password,
            @DefaultValue("membercard_owner") String ownerUsername,
            String ownerPassword,
            @DefaultValue("false") boolean sqlShow,
            @DefaultValue("2s") Duration placementRefresh,
            @DefaultValue("10s") Duration movePauseLimit) {}
}
