package com.membercard.support;

import com.membercard.sharding.TenantPlacements;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Primary;
import org.springframework.core.Ordered;
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

    /** In the sharded topology: every request's statements on one node ({@link OneNodePerRequest}). */
    @Bean
    FilterRegistrationBean<OneNodePerRequest> oneNodePerRequest() {
        FilterRegistrationBean<OneNodePerRequest> registration = new FilterRegistrationBean<>(new OneNodePerRequest());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setEnabled(TestTopology.sharded());
        return registration;
    }

    /** Lazy: the port is known only once the server has started. */
    @Bean
    @Lazy
    Fixtures fixtures(Environment environment, JdbcClient jdbc, ObjectProvider<TenantPlacements> placements) {
        String port = environment.getRequiredProperty("local.server.port");
        Api anonymous = new Api("http://localhost:" + port, null, null);
        return TestTopology.sharded()
                ? new Fixtures(anonymous, jdbc, TestTopology.nodes(placements.getObject()))
                : new Fixtures(anonymous, jdbc);
    }
}
