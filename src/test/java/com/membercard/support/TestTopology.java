package com.membercard.support;

import com.membercard.database.EmbeddedNodes;
import com.membercard.sharding.TenantPlacements;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Which database the integration tests' service runs on. By default the embedded single node; with
 * the system property {@code membercard.test.topology=sharded} (the build's {@code sharded-api}
 * run, README "Sharded mode") two embedded PostgreSQL nodes under ShardingSphere, started once per
 * test JVM and stopped with it. The tests themselves do not change: each makes its own tenants, and
 * new tenants go to the emptiest node, so consecutive tenants land on different nodes.
 */
public final class TestTopology implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String PROPERTY = "membercard.test.topology";

    private static EmbeddedNodes nodes;
    private static List<JdbcClient> nodeClients;

    public static boolean sharded() {
        return "sharded".equals(System.getProperty(PROPERTY));
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (!sharded()) {
            return;
        }
        EmbeddedNodes started = nodes();
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "sharded test topology",
                        Map.of(
                                "membercard.shards", started.urls(),
                                "membercard.shard.username", started.serviceUsername(),
                                "membercard.shard.password", started.servicePassword(),
                                "membercard.shard.owner-username", started.ownerUsername(),
                                "membercard.shard.owner-password", started.ownerPassword(),
                                // every statement with its node, for OneNodePerRequest
                                "membercard.shard.sql-show", "true")));
        OneNodePerRequest.listen();
    }

    /** A tenant's node, straight (the service's role), as the directory places it. */
    static LongFunction<JdbcClient> nodes(TenantPlacements placements) {
        List<JdbcClient> clients = nodeClients();
        return tenantId -> clients.get(placements.nodeOf(tenantId));
    }

    /**
     * A small pool per node, for the whole JVM: a connection per statement would pay a sign-in
     * (SCRAM) each time, and the attack tests read a tenant's rows twice per attack.
     */
    private static synchronized List<JdbcClient> nodeClients() {
        if (nodeClients == null) {
            EmbeddedNodes started = nodes();
            List<JdbcClient> clients = new ArrayList<>();
            for (int node = 0; node < started.count(); node++) {
                HikariDataSource pool = new HikariDataSource();
                pool.setPoolName("test-node-" + node);
                pool.setJdbcUrl(started.url(node));
                pool.setUsername(started.serviceUsername());
                pool.setPassword(started.servicePassword());
                pool.setMaximumPoolSize(4);
                pool.setMinimumIdle(0);
                clients.add(JdbcClient.create(pool));
            }
            nodeClients = List.copyOf(clients);
        }
        return nodeClients;
    }

    private static synchronized EmbeddedNodes nodes() {
        if (nodes == null) {
            Path dataDir = Path.of(System.getProperty("membercard.data-dir", "target/test-data/manual"))
                    .resolve("nodes");
            try {
                nodes = EmbeddedNodes.start(dataDir, 2);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EmbeddedNodes started = nodes;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    // the JVM is ending; the nodes' files are the build's to delete
                }
            }));
        }
        return nodes;
    }
}
