package com.membercard.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** The settings of item 9 as the deployment's environment sets them (no Spring context needed). */
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

    private static StandardEnvironment settings(Map<String, Object> variables) throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new MapPropertySource("variables", variables));
        new YamlPropertySourceLoader()
                .load("application", new ClassPathResource("application.yml"))
                .forEach(source -> environment.getPropertySources().addLast(source));
        return environment;
    }
}
