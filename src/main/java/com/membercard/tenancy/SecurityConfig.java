package com.membercard.tenancy;

import com.membercard.shared.BusinessCode;
import com.membercard.shared.web.ErrorEnvelopes;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    SecurityFilterChain apiSecurity(
            HttpSecurity http, JdbcCredentials credentials, Credentials known, ErrorEnvelopes errors) throws Exception {
        http
                // Credentials travel in the Authorization header, never in a cookie the browser
                // sends by itself, so cross-site request forgery has nothing to ride on.
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
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
                .authorizeHttpRequests(AccessRules::apply);
        return http.build();
    }

    /**
     * No observation around each security filter: on every request they cost more CPU than the
     * filters themselves and tell nothing the http.server.requests metric does not.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** BCrypt at cost 10: about 70 ms a check here, slow enough to make guessing expensive. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(10);
    }
}
