package com.membercard.reliability.bank;

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
    private volatile ServiceProcess service;
    private volatile boolean databaseDown;

    /** {@code crashes} crashes spread over about {@code run}, each after a random uptime. */
    ServiceKiller(ServiceProcess service, int crashes, Duration run, long seed) {
        this.service = service;
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
            service.killDatabase();
        }
        service.kill();
        service = service.restart(RESTART_PATIENCE);
        databaseDown = false;
        survived.add(new Crash(time, withDatabase, Duration.between(down, Instant.now())));
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
