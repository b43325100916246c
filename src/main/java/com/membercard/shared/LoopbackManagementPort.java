package com.membercard.shared;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * A management port of its own (MANAGEMENT_SERVER_PORT) serves {@code /actuator/prometheus} without
 * a credential (tenancy/AccessRules), so it listens on 127.0.0.1 unless MANAGEMENT_SERVER_ADDRESS
 * names another address. Only with such a port: Spring Boot refuses to start with a management
 * address on the service's own port, so the default cannot simply stand in application.yml. Set as
 * the lowest-precedence default: an address given any other way wins.
 */
public class LoopbackManagementPort implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (ManagementPortType.get(environment) == ManagementPortType.DIFFERENT) {
            environment
                    .getPropertySources()
                    .addLast(new MapPropertySource(
                            "loopbackManagementPort", Map.of("management.server.address", "127.0.0.1")));
        }
    }
}
