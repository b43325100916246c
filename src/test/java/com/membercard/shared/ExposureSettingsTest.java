package com.membercard.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The settings of item 9 as the deployment's environment sets them (no Spring context needed):
 * application.yml and our environment post-processors over the variables.
 */
class ExposureSettingsTest {

    @Test
    void theApiDocumentationIsOpenUnlessSwitchedOff() throws Exception {
        assertThat(settings(Map.of()).getProperty("springdoc.api-docs.enabled")).isEqualTo("true");

        StandardEnvironment off = settings(Map.of("MEMBERCARD_API_DOCS", "false"));

        assertThat(off.getProperty("springdoc.api-docs.enabled")).isEqualTo("false");
        assertThat(off.getProperty("springdoc.swagger-ui.enabled")).isEqualTo("false");
    }

    @Test
    void healthDetailsAndBodyLimitsAreSet() throws Exception {
        StandardEnvironment settings = settings(Map.of("MEMBERCARD_MAX_UPLOAD", "5MB"));

        assertThat(settings.getProperty("management.endpoint.health.show-details"))
                .isEqualTo("when-authorized");
        assertThat(settings.getProperty("management.endpoint.health.show-components"))
                .isEqualTo("when-authorized");
        assertThat(settings.getProperty("membercard.max-request-body")).isEqualTo("1MB");
        assertThat(settings.getProperty("spring.servlet.multipart.max-file-size"))
                .isEqualTo("5MB");
    }

    @Test
    void aManagementPortOfItsOwnListensOnLoopbackUnlessAnAddressIsGiven() throws Exception {
        assertThat(settings(Map.of("MANAGEMENT_SERVER_PORT", "9090")).getProperty("management.server.address"))
                .isEqualTo("127.0.0.1");
        assertThat(settings(Map.of("MANAGEMENT_SERVER_PORT", "9090", "MANAGEMENT_SERVER_ADDRESS", "0.0.0.0"))
                        .getProperty("management.server.address"))
                .isEqualTo("0.0.0.0");
        assertThat(settings(Map.of()).getProperty("management.server.address"))
                .as("none on the service's own port, where Spring Boot refuses one")
                .isNull();
        assertThat(settings(Map.of("MANAGEMENT_SERVER_PORT", "8080")).getProperty("management.server.address"))
                .isNull();
    }

    private static StandardEnvironment settings(Map<String, Object> variables) throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("variables", variables));
        new YamlPropertySourceLoader()
                .load("application", new ClassPathResource("application.yml"))
                .forEach(source -> environment.getPropertySources().addLast(source));
        new LoopbackManagementPort().postProcessEnvironment(environment, null);
        return environment;
    }
}
