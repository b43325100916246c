package com.membercard.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * The service's clock when the demo runs: the real time, set back while the demo writes its past
 * days. Every module decides "today" and a bill's business day from the injected clock (README "The
 * business day"), so the history goes through the very same commands, rules and day-ends as a
 * real till's days did. Set back only while {@link DemoData} seeds an empty database at start-up,
 * before the demo's credentials are printed; the real time the rest of the run.
 */
@Component
@Primary
@ConditionalOnBooleanProperty("membercard.demo")
class DemoClock extends Clock {

    private final ZoneId zone = ZoneId.systemDefault();
    private volatile Duration back = Duration.ZERO;

    /** From now on the clock reads {@code days} days ago (0: the real time again). */
    void setBack(int days) {
        back = Duration.ofDays(days);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same clock in another zone: setting one back sets them all back. */
    @Override
    public Clock withZone(ZoneId other) {
        DemoClock parent = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return other;
            }

            @Override
            public Clock withZone(ZoneId another) {
                return parent.withZone(another);
            }

            @Override
            public Instant instant() {
                return parent.instant();
            }
        };
    }

    @Override
    public Instant instant() {
        return Instant.now().minus(back);
    }
}
