package com.membercard.tenancy;

import com.membercard.shared.BusinessCode;
import com.membercard.shared.web.ErrorEnvelopes;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.RequestMatcher;

@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    /** Swagger UI's own scripts, styles (some inline) and icons (data: URIs); no frames, no other origin. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    @Bean
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            JdbcCredentials credentials,
            Credentials known,
            ErrorEnvelopes errors,
            Environment environment)
            throws Exception {
        http
                // Credentials travel in the Authorization header, never in a cookie the browser
                // sends by itself, so cross-site request forgery has nothing to ride on.
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                // Spring Security's defaults (nosniff, frame DENY, no-cache, HSTS on secure requests
                // only) plus a policy that lets the Swagger UI run from this origin and nothing else
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                .addFilterBefore(new BearerTokenFilter(credentials, known, errors), AnonymousAuthenticationFilter.class)
                .exceptionHandling(handling -> handling.authenticationEntryPoint((request, response, e) -> errors.write(
                                request,
                                response,
                                HttpServletResponse.SC_UNAUTHORIZED,
                                BusinessCode.NOT_AUTHENTICATED,
                                "code.401"))
                        .accessDeniedHandler((request, response, e) -> errors.write(
                                request,
                                response,
                                HttpServletResponse.SC_FORBIDDEN,
                                BusinessCode.FORBIDDEN,
                                "code.403")))
                .authorizeHttpRequests(rules -> AccessRules.apply(rules, managementPort(environment)));
        return http.build();
    }

    /**
     * Requests to a management port set apart from the service's (MANAGEMENT_SERVER_PORT): that port
     * is private (it listens on 127.0.0.1 unless MANAGEMENT_SERVER_ADDRESS names another address,
     * which the deployment then keeps private), so what it serves needs no credential. Without one,
     * nothing matches.
     */
    static RequestMatcher managementPort(Environment environment) {
        Integer port = environment.getProperty("management.server.port", Integer.class);
        Integer serverPort = environment.getProperty("server.port", Integer.class, 8080);
        if (port == null || port <= 0 || port.equals(serverPort)) {
            return request -> false;
        }
        int management = port;
        return request -> request.getLocalPort() == management;
    }

    /**
     * No observation around each security filter: on every request they cost more CPU than the
     * filters themselves and tell nothing the http.server.requests metric does not.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Spring Security's firewall with its own rules for header names and values, checked by
     * {@link HeaderCharacters} instead of the default's Unicode-class regular expressions: those ran
     * on every header read, 11% of the service's CPU on a card payment (a JFR profile under 8
     * clients). The same characters pass and fail; everything else is the strict default.
     */
    @Bean
    WebSecurityCustomizer firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderCharacters::isAllowedName);
        firewall.setAllowedHeaderValues(HeaderCharacters::isAllowedValue);
        firewall.setAllowedParameterNames(HeaderCharacters::isAllowedName);
        return web -> web.httpFirewall(firewall);
    }

    /** BCrypt at cost 10: about 70 ms a check here, slow enough to make guessing expensive. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(10);
    }
}
