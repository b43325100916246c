package com.membercard.sharding;

import com.membercard.ledger.Reconciliation;
import com.membercard.shared.jdbc.TenantNode;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.shardingsphere.broadcast.config.BroadcastRuleConfiguration;
import org.apache.shardingsphere.driver.api.ShardingSphereDataSourceFactory;
import org.apache.shardingsphere.infra.algorithm.core.config.AlgorithmConfiguration;
import org.apache.shardingsphere.infra.config.rule.RuleConfiguration;
import org.apache.shardingsphere.sharding.api.config.ShardingRuleConfiguration;
import org.apache.shardingsphere.sharding.api.config.rule.ShardingTableReferenceRuleConfiguration;
import org.apache.shardingsphere.sharding.api.config.rule.ShardingTableRuleConfiguration;
import org.apache.shardingsphere.sharding.api.config.strategy.sharding.NoneShardingStrategyConfiguration;
import org.apache.shardingsphere.sharding.api.config.strategy.sharding.StandardShardingStrategyConfiguration;
import org.apache.shardingsphere.single.config.SingleRuleConfiguration;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.flyway.autoconfigure.FlywayProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The sharded mode's DataSource: each node migrated by Flyway directly (ShardingSphere cannot run
 * migrations), its sequences interleaved, the global directories' rows gathered on node 0, then
 * ShardingSphere-JDBC over one pool per node, routing by the placement directory. Made only when {@code MEMBERCARD_SHARDS} is set; the single-node beans
 * ({@code database}) are then not made.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(ShardedModeCondition.class)
class ShardedDataSourceConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ShardedDataSourceConfiguration.class);
    private static final String BY_TENANT = "by_tenant";
    private static final String BY_OPERATOR = "by_operator";

    /** The nodes: each migrated and its sequences interleaved before anything reads it. */
    @Bean
    Nodes shardNodes(ShardingProperties properties, Environment environment) throws SQLException {
        List<String> urls = properties.shards();
        ShardingProperties.Shard shard = properties.shard();
        Binder binder = Binder.get(environment);
        String locations = String.join(
                ",",
                binder.bind("spring.flyway.locations", Bindable.listOf(String.class))
                        .orElse(new FlywayProperties().getLocations()));
        List<HikariDataSource> pools = new ArrayList<>();
        List<DataSource> owners = new ArrayList<>();
        try {
            for (int node = 0; node < urls.size(); node++) {
                DataSource owner = new SimpleDriverDataSource(
                        new org.postgresql.Driver(), urls.get(node), shard.ownerUsername(), shard.ownerPassword());
                Flyway.configure()
                        .dataSource(owner)
                        .locations(locations.split(","))
                        .load()
                        .migrate();
                NodeSequences.interleave(owner, node, urls.size());
                owners.add(owner);
                // each node's pool as the single-node pool is configured (spring.datasource.hikari.*)
                HikariDataSource pool = binder.bindOrCreate("spring.datasource.hikari", HikariDataSource.class);
                pool.setJdbcUrl(urls.get(node));
                pool.setUsername(shard.username());
                pool.setPassword(shard.password());
                pool.setPoolName("membercard-" + TenantPlacementAlgorithm.node(node));
                pools.add(pool);
            }
            NodeZeroTables.gather(owners);
            NodeZeroTables.keepServiceOffCopies(owners, shard.username(), shard.ownerUsername());
        } catch (RuntimeException | SQLException e) {
            pools.forEach(HikariDataSource::close);
            throw e;
        }
        return new Nodes(
                pools,
                owners,
                new SimpleDriverDataSource(
                        new org.postgresql.Driver(), urls.get(0), shard.username(), shard.password()));
    }

    /**
     * A statement ShardingSphere cannot bind or route goes to its tenant's node by ShardingSphere's SQL
     * hint (a comment, where the statement goes to the node straight).
     */
    @Bean
    TenantNode tenantNode(TenantPlacements placements) {
        return new TenantNode() {
            @Override
            public String pin(long tenantId, String sql) {
                return "/* SHARDINGSPHERE_HINT: DATA_SOURCE_NAME="
                        + TenantPlacementAlgorithm.node(placements.nodeOf(tenantId)) + " */ " + sql;
            }

            @Override
            public boolean throughShardingSphere() {
                return !TenantRoutingDataSource.bound();
            }
        };
    }

    @Bean
    TenantMoves tenantMoves(
            Nodes nodes, TenantPlacements placements, Reconciliation reconciliation, ShardingProperties properties) {
        return new TenantMoves(
                nodes,
                placements,
                reconciliation,
                properties.shard().placementRefresh(),
                properties.shard().movePauseLimit());
    }

    @Bean
    TenantPlacements tenantPlacements(Nodes nodes, ShardingProperties properties) {
        return new TenantPlacements(
                nodes.directory(), nodes.pools().size(), properties.shard().placementRefresh());
    }

    /**
     * Re-reads the cached placements once a period, on a thread of its own (not the service's
     * scheduler, which jobs may hold; and not a bean of type ScheduledExecutorService, which Spring
     * would take for that scheduler).
     */
    @Bean
    PlacementRefresh placementRefresh(TenantPlacements placements, ShardingProperties properties) {
        ScheduledExecutorService refresh = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "placement-refresh");
            thread.setDaemon(true);
            return thread;
        });
        long period = properties.shard().placementRefresh().toMillis();
        refresh.scheduleWithFixedDelay(
                () -> {
                    try {
                        placements.refresh();
                    } catch (RuntimeException e) {
                        // node 0 out of reach: the placements then age out and are read again when used
                        log.warn("Placement refresh failed: {}", e.toString());
                    }
                },
                period,
                period,
                TimeUnit.MILLISECONDS);
        return new PlacementRefresh(refresh);
    }

    record PlacementRefresh(ScheduledExecutorService executor) implements DisposableBean {

        @Override
        public void destroy() {
            executor.shutdownNow();
        }
    }

    /** What Boot's Flyway set-up waits for; the migrations already ran, node by node, in {@link #shardNodes}. */
    @Bean
    Flyway flyway(Nodes nodes) {
        return Flyway.configure().dataSource(nodes.directory()).load();
    }

    /**
     * The service's DataSource: a tenant's API request straight to its node's pool, everything else
     * through ShardingSphere ({@link TenantRoutingDataSource}).
     */
    @Bean
    @Primary
    DataSource dataSource(
            Nodes nodes,
            @Qualifier("shardingSphere") DataSource shardingSphere,
            TenantPlacements placements,
            ShardingProperties properties) {
        return new TenantRoutingDataSource(
                shardingSphere, nodes.pools(), placements, properties.shard().sqlShow());
    }

    @Bean(defaultCandidate = false)
    DataSource shardingSphere(Nodes nodes, DirectoryRegistration registration, ShardingProperties properties)
            throws SQLException {
        Map<String, DataSource> byName = new LinkedHashMap<>();
        for (int node = 0; node < nodes.pools().size(); node++) {
            byName.put(TenantPlacementAlgorithm.node(node), nodes.pools().get(node));
        }
        String directoryKey = registration.key();
        Properties props = new Properties();
        props.setProperty("sql-show", Boolean.toString(properties.shard().sqlShow()));
        return ShardingSphereDataSourceFactory.createDataSource(
                "membercard", null, byName, rules(nodes.pools().size(), directoryKey), props);
    }

    @Bean
    DirectoryRegistration directoryRegistration(TenantPlacements placements) {
        return new DirectoryRegistration(UUID.randomUUID().toString(), placements);
    }

    static Collection<RuleConfiguration> rules(int nodes, String directoryKey) {
        // ShardingSphere's inline range: node_${0..N-1}
        String allNodes = TenantPlacementAlgorithm.node(0).replace("0", "") + "${0.." + (nodes - 1) + "}";
        ShardingRuleConfiguration sharding = new ShardingRuleConfiguration();
        for (String table : ShardedTables.BY_TENANT) {
            sharding.getTables().add(table(table, allNodes, "tenant_id", BY_TENANT));
        }
        for (String table : ShardedTables.BY_OPERATOR) {
            sharding.getTables().add(table(table, allNodes, "operator_id", BY_OPERATOR));
        }
        sharding.getBindingTableGroups()
                .add(new ShardingTableReferenceRuleConfiguration(
                        "tenant_rows", String.join(",", ShardedTables.BY_TENANT)));
        sharding.getShardingAlgorithms()
                .put(
                        BY_TENANT,
                        classBased(TenantPlacementAlgorithm.class, TenantPlacementAlgorithm.DIRECTORY, directoryKey));
        sharding.getShardingAlgorithms().put(BY_OPERATOR, classBased(OperatorNodeAlgorithm.class));
        List<String> onNodeZero = ShardedTables.ON_NODE_ZERO.stream()
                .map(table -> TenantPlacementAlgorithm.node(0) + "." + table)
                .toList();
        return List.of(
                sharding,
                new BroadcastRuleConfiguration(ShardedTables.ON_EVERY_NODE),
                new SingleRuleConfiguration(onNodeZero, TenantPlacementAlgorithm.node(0)));
    }

    private static ShardingTableRuleConfiguration table(
            String table, String allNodes, String column, String algorithm) {
        ShardingTableRuleConfiguration rule = new ShardingTableRuleConfiguration(table, allNodes + "." + table);
        rule.setDatabaseShardingStrategy(new StandardShardingStrategyConfiguration(column, algorithm));
        rule.setTableShardingStrategy(new NoneShardingStrategyConfiguration());
        return rule;
    }

    private static AlgorithmConfiguration classBased(Class<?> algorithm, String... keysAndValues) {
        Properties props = new Properties();
        props.setProperty("strategy", "STANDARD");
        props.setProperty("algorithmClassName", algorithm.getName());
        for (int i = 0; i < keysAndValues.length; i += 2) {
            props.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new AlgorithmConfiguration("CLASS_BASED", props);
    }

    /** The directory, where the routing algorithm that ShardingSphere makes finds it, for this context's life. */
    record DirectoryRegistration(String key, TenantPlacements placements) implements DisposableBean {

        DirectoryRegistration {
            TenantPlacementAlgorithm.register(key, placements);
        }

        @Override
        public void destroy() {
            TenantPlacementAlgorithm.unregister(key);
        }
    }

    /**
     * The nodes' pools (the service's role), unpooled connections to each node as the schema's owner
     * (a tenant's move copies and deletes rows as it), and an unpooled connection to node 0 for the
     * directory.
     */
    record Nodes(List<HikariDataSource> pools, List<DataSource> owners, DataSource directory)
            implements DisposableBean {

        @Override
        public void destroy() {
            pools.forEach(HikariDataSource::close);
        }
    }
}
