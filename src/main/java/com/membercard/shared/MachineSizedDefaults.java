package com.membercard.shared;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertyResolver;

/**
 * The database connections and the request threads, sized to the machine (issue 11). A payment
 * keeps a core busy for about a millisecond between the service and PostgreSQL, so more connections
 * than a few per core only make PostgreSQL's backends take turns on the cores and wait in its lock
 * manager; requests beyond them should wait in a queue of the service's own, bounded in time (the
 * pool's connection timeout, then 503 "try again"). So, by default:
 *
 * <ul>
 *   <li>connections: 4 per core, at least 4 ({@code MEMBERCARD_DB_POOL_SIZE});
 *   <li>request threads: twice the connections, so that parsing and writing answers overlaps the
 *       database work ({@code MEMBERCARD_HTTP_THREADS}); further connections wait in Tomcat's queue.
 * </ul>
 *
 * Set as the lowest-precedence defaults: {@code spring.datasource.hikari.maximum-pool-size} and
 * {@code server.tomcat.threads.max} given any other way still win.
 */
public class MachineSizedDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        "machineSizedDefaults", defaults(Runtime.getRuntime().availableProcessors(), environment)));
    }

    static Map<String, Object> defaults(int cores, PropertyResolver settings) {
        int connections = settings.getProperty("membercard.db.pool-size", Integer.class, Math.max(4, 4 * cores));
        int threads = settings.getProperty("membercard.http.threads", Integer.class, 2 * connections);
        return Map.of(
                "spring.datasource.hikari.maximum-pool-size", connections,
                "server.tomcat.threads.max", threads,
                "server.tomcat.threads.min-spare", Math.min(10, threads));
    }
}
