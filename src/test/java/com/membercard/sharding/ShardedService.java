package com.membercard.sharding;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.membercard.Application;
import com.membercard.database.EmbeddedNodes;
import com.membercard.support.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The service in the sharded mode over two embedded nodes of its own, every statement logged with
 * its node (ShardingSphere's {@code sql-show}), for the tests that watch where each command goes
 * ({@link ShardedModeTest}, {@link TenantMoveTest}).
 */
final class ShardedService implements AutoCloseable {

    /** A read of the broadcast tenant table: any node answers it. */
    private static final Pattern ANY_NODE = Pattern.compile("^select exists \\(select 1 from tenant where");
    /**
     * What is asked before the tenant is known (a username's or a credential's tenant) and where tenant
     * ids are drawn: node 0's, whatever the tenant.
     */
    static final Pattern ON_NODE_ZERO =
            Pattern.compile("\\b(operator_username|credential_directory|tenant_id_draw)\\b");

    /** A statement as ShardingSphere logs it ({@code Actual SQL}), or as the sharded mode logs one sent past it. */
    private static final Pattern SENT_SQL =
            Pattern.compile("(?:Actual|Direct) SQL: (node_\\d+) ::: (.*)", Pattern.DOTALL);

    private static final Pattern ROUTED_SQL = Pattern.compile("Actual SQL: (node_\\d+) ::: (.*)", Pattern.DOTALL);
    private static final Pattern DIRECT_SQL = Pattern.compile("Direct SQL: (node_\\d+) ::: (.*)", Pattern.DOTALL);

    final EmbeddedNodes nodes;
    final ConfigurableApplicationContext context;
    final Fixtures fixtures;
    private final ListAppender<ILoggingEvent> sqlLog = new ListAppender<>();

    private ShardedService(EmbeddedNodes nodes, ConfigurableApplicationContext context) {
        this.nodes = nodes;
        this.context = context;
        Logger shardingSql = (Logger) LoggerFactory.getLogger("ShardingSphere-SQL");
        sqlLog.start();
        shardingSql.addAppender(sqlLog);
        ((Logger) LoggerFactory.getLogger(ShownSql.LOGGER)).addAppender(sqlLog);
        String baseUrl = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
        this.fixtures = Fixtures.on(baseUrl, JdbcClient.create(context.getBean(DataSource.class)));
    }

    /** Two nodes and the service under {@code <membercard.data-dir>/<name>}, with these properties added. */
    static ShardedService start(String name, String... properties) throws Exception {
        Path dataDir = Path.of(System.getProperty("membercard.data-dir", "target/test-data/manual"))
                .resolve(name);
        EmbeddedNodes nodes = EmbeddedNodes.start(dataDir, 2);
        try {
            String[] all = Stream.concat(
                            Stream.of(
                                    "server.port=0",
                                    "membercard.data-dir=" + dataDir.resolve("service"),
                                    "membercard.shards=" + nodes.urls(),
                                    "membercard.shard.username=" + nodes.serviceUsername(),
                                    "membercard.shard.password=" + nodes.servicePassword(),
                                    "membercard.shard.owner-username=" + nodes.ownerUsername(),
                                    "membercard.shard.owner-password=" + nodes.ownerPassword(),
                                    "membercard.shard.sql-show=true",
                                    "membercard.admin.username=" + Fixtures.PLATFORM_ADMIN,
                                    "membercard.admin.password=" + Fixtures.PLATFORM_PASSWORD,
                                    "membercard.day-end-wait-limit=1s",
                                    "membercard.db.pool-size=6"),
                            Stream.of(properties))
                    .toArray(String[]::new);
            return new ShardedService(
                    nodes,
                    new SpringApplicationBuilder(Application.class)
                            .properties(all)
                            .run());
        } catch (Exception | Error e) {
            nodes.close();
            throw e;
        }
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    JdbcClient owner(int node) {
        return JdbcClient.create(ownerDataSource(node));
    }

    DataSource ownerDataSource(int node) {
        return new SimpleDriverDataSource(
                new org.postgresql.Driver(), nodes.url(node), nodes.ownerUsername(), nodes.ownerPassword());
    }

    /**
     * Runs a request and checks that every statement it sent went to {@code node} (the global tables'
     * to node 0, a broadcast read to any), and that some did.
     */
    <T> T onlyOn(int node, Supplier<T> command) {
        sqlLog.list.clear();
        T result = command.get();
        List<String> elsewhere = new ArrayList<>();
        Set<String> reached = new TreeSet<>();
        for (ILoggingEvent event : List.copyOf(sqlLog.list)) {
            if (!event.getThreadName().contains("-exec-")) {
                continue; // a background job's (the janitors go through every tenant), not the request's
            }
            Matcher sql = SENT_SQL.matcher(event.getFormattedMessage());
            if (!sql.find() || ANY_NODE.matcher(sql.group(2)).find()) {
                continue;
            }
            boolean global = ON_NODE_ZERO.matcher(sql.group(2)).find();
            if (!global) {
                reached.add(sql.group(1));
            }
            if (!sql.group(1).equals(TenantPlacementAlgorithm.node(global ? 0 : node))) {
                elsewhere.add(sql.group(1) + ": " + sql.group(2));
            }
        }
        assertThat(elsewhere)
                .as("statements on another node than %s (reached %s)", node, reached)
                .isEmpty();
        assertThat(reached)
                .as("the tenant's statements reached its node (none: answered from a cache)")
                .containsExactly(TenantPlacementAlgorithm.node(node));
        return result;
    }

    void clearLog() {
        sqlLog.list.clear();
    }

    /** The nodes that statements containing {@code sql} (a pattern) went to, in the log since it was last cleared. */
    List<String> actualSql(String sql) {
        return nodes(SENT_SQL, sql);
    }

    /** As {@link #actualSql}, the statements sent straight to a node, past ShardingSphere. */
    List<String> directSql(String sql) {
        return nodes(DIRECT_SQL, sql);
    }

    /** As {@link #actualSql}, the statements ShardingSphere routed. */
    List<String> routedSql(String sql) {
        return nodes(ROUTED_SQL, sql);
    }

    private List<String> nodes(Pattern sent, String sql) {
        Pattern wanted = Pattern.compile(sql);
        List<String> found = new ArrayList<>();
        for (ILoggingEvent event : List.copyOf(sqlLog.list)) {
            Matcher statement = sent.matcher(event.getFormattedMessage());
            if (statement.find() && wanted.matcher(statement.group(2)).find()) {
                found.add(statement.group(1));
            }
        }
        return found;
    }

    @Override
    public void close() throws Exception {
        context.close();
        nodes.close();
    }
}
