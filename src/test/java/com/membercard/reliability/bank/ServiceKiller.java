package com.membercard.reliability.bank;

import com.membercard.database.EmbeddedNodes;
import com.membercard.support.ServiceProcess;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Crashes the service at random moments while the tills work: SIGKILL to the service (the first,
 * third… time to its PostgreSQL first, so that the database dies in the middle of commits), then
 * starts it again on the same data directory and port. After the last crash the service runs for
 * a while more, so that the tills also work on the recovered one.
 */
final class ServiceKiller implements Callable<Void> {

    static final Duration RESTART_PATIENCE = Duration.ofMinutes(2);

    /** One crash: when, whether the database went down too, and how long until the service was healthy again. */
    record Crash(LocalTime down, boolean withDatabase, Duration outage) {}

    private final int crashes;
    private final long meanUptimeMillis;
    private final Random random;
    private final List<Crash> survived = new CopyOnWriteArrayList<>();
    private final EmbeddedNodes nodes;
    private volatile ServiceProcess service;
    private volatile boolean databaseDown;

    /**
     * {@code crashes} crashes spread over about {@code run}, each after a random uptime. The database
     * is the service's embedded one, or, when {@code nodes} is not null, the sharded mode's nodes: a
     * crash of the database kills every node, which come back on their ports before the service.
     */
    ServiceKiller(ServiceProcess service, EmbeddedNodes nodes, int crashes, Duration run, long seed) {
        this.service = service;
        this.nodes = nodes;
        this.crashes = crashes;
        this.meanUptimeMillis = run.toMillis() / (crashes + 1);
        this.random = new Random(seed);
    }

    @Override
    public Void call() throws Exception {
        for (int i = 1; i <= crashes; i++) {
            Thread.sleep(uptime());
            crash(i % 2 == 1);
        }
        Thread.sleep(uptime());
        return null;
    }

    private void crash(boolean withDatabase) throws Exception {
        LocalTime time = LocalTime.now();
        Instant down = Instant.now();
        if (withDatabase) {
            databaseDown = true;
            killDatabase();
        }
        service.kill();
        if (withDatabase && nodes != null) {
            for (int node = 0; node < nodes.count(); node++) {
                nodes.restart(node);
            }
        }
        service = service.restart(RESTART_PATIENCE);
        databaseDown = false;
        survived.add(new Crash(time, withDatabase, Duration.between(down, Instant.now())));
    }

    private void killDatabase() throws Exception {
        if (nodes == null) {
            service.killDatabase();
            return;
        }
        for (int node = 0; node < nodes.count(); node++) {
            ServiceProcess.killPostgres(nodes.dataDirectory(node));
        }
    }

    /** Half to one and a half times the mean. */
    private long uptime() {
        return meanUptimeMillis / 2 + random.nextLong(meanUptimeMillis + 1);
    }

    /** The service running now. */
    ServiceProcess service() {
        return service;
    }

    /** Whether the database is being killed (until the service is back): then a 5xx is no surprise. */
    boolean databaseDown() {
        return databaseDown;
    }

    List<Crash> survived() {
        return List.copyOf(survived);
    }
}
