package com.membercard.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class MachineSizedDefaultsTest {

    @Test
    void fourConnectionsACoreAndTwiceAsManyRequestThreads() {
        assertThat(MachineSizedDefaults.defaults(2, new MockEnvironment()))
                .containsEntry("spring.datasource.hikari.maximum-pool-size", 8)
                .containsEntry("server.tomcat.threads.max", 16);
        assertThat(MachineSizedDefaults.defaults(16, new MockEnvironment()))
                .containsEntry("spring.datasource.hikari.maximum-pool-size", 64)
                .containsEntry("server.tomcat.threads.max", 128);
    }

    @Test
    void atLeastFourConnectionsOnOneCore() {
        assertThat(MachineSizedDefaults.defaults(1, new MockEnvironment()))
                .containsEntry("spring.datasource.hikari.maximum-pool-size", 4)
                .containsEntry("server.tomcat.threads.max", 8);
    }

    @Test
    void theOperatorsSettingsWin() {
        MockEnvironment settings = new MockEnvironment().withProperty("membercard.db.pool-size", "5");
        assertThat(MachineSizedDefaults.defaults(2, settings))
                .containsEntry("spring.datasource.hikari.maximum-pool-size", 5)
                .containsEntry("server.tomcat.threads.max", 10);
        settings.setProperty("membercard.http.threads", "40");
        assertThat(MachineSizedDefaults.defaults(2, settings)).containsEntry("server.tomcat.threads.max", 40);
    }
}
