package com.membercard.database;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Opens the connection pool in full before the service takes its first request. Left to itself,
 * Hikari starts on the first request and adds the rest of its connections one at a time in the
 * background, each a SCRAM handshake in a JVM that has compiled nothing yet: after a restart, the
 * tills that were waiting all arrive at once, queue for connections that are still being made, and
 * on a busy host some of them waited out the connection timeout and were told 503 by a service
 * that was up. This runs when every bean is made and before the web server starts listening.
 */
@Component
class ConnectionPoolWarmup implements SmartInitializingSingleton {

    /** How long the start waits for the pool; a database that is slower still is not this class's to judge. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(ConnectionPoolWarmup.class);

    private final DataSource dataSource;

    ConnectionPoolWarmup(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!(dataSource instanceof HikariDataSource hikari)) {
            return;
        }
        Instant start = Instant.now();
        try (Connection first = hikari.getConnection()) {
            first.isValid(1); // the pool exists from here on, and fills towards its minimum
        } catch (SQLException e) {
            // the database is not there yet: requests will get 503 until it is, as at any other time
            log.warn("Connection pool not opened at start: {}", e.getMessage());
            return;
        }
        HikariPoolMXBean pool = hikari.getHikariPoolMXBean();
        int wanted = hikari.getMinimumIdle();
        Instant giveUp = start.plus(PATIENCE);
        while (pool.getTotalConnections() < wanted && Instant.now().isBefore(giveUp)) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        log.info(
                "Connection pool open: {} of {} connections in {} ms",
                pool.getTotalConnections(),
                wanted,
                Duration.between(start, Instant.now()).toMillis());
    }
}
