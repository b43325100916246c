package com.membercard.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

@TestConfiguration(proxyBeanMethods = false)
class TestClients {

    @Bean
    @Primary
    TestClock testClock() {
        return new TestClock();
    }

    @Bean
    SecurityEvents securityEvents() {
        return new SecurityEvents();
    }

    /** Lazy: the port is known only once the server has started. */
    @Bean
    @Lazy
    Fixtures fixtures(Environment environment, JdbcClient jdbc) {
        String port = environment.getRequiredProperty("local.server.port");
        return new Fixtures(new Api("http://localhost:" + port, null, null), jdbc);
    }
}
