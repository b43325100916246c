package com.membercard.sharding;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ShardingSphere's {@code sql-show} for the statements that pass it by: with
 * {@code MEMBERCARD_SHARD_SQL_SHOW}, each statement that a connection taken straight from a node's
 * pool ({@link TenantRoutingDataSource}) prepares or executes is logged as ShardingSphere logs the
 * statements it routes, {@code Direct SQL: node_1 ::: select …}. Without that setting connections are
 * handed out as they are.
 */
final class ShownSql {

    static final String LOGGER = "membercard-direct-SQL";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);
    private static final Set<String> TAKING_SQL = Set.of(
            "prepareStatement",
            "prepareCall",
            "execute",
            "executeQuery",
            "executeUpdate",
            "executeLargeUpdate",
            "addBatch");

    private ShownSql() {}

    static Connection of(Connection connection, String node) {
        return shown(Connection.class, connection, node);
    }

    private static <T> T shown(Class<T> type, T target, String node) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (args != null
                    && args.length > 0
                    && args[0] instanceof String sql
                    && TAKING_SQL.contains(method.getName())) {
                log.info("Direct SQL: {} ::: {}", node, sql);
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return result instanceof Statement statement && method.getName().equals("createStatement")
                    ? shown(Statement.class, statement, node)
                    : result;
        }));
    }
}
