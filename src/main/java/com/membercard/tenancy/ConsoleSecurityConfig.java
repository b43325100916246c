package com.membercard.tenancy;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.NullSecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The admin console's security chain, beside the API's ({@link SecurityConfig}) and ahead of it for
 * the console's paths only, so the API answers exactly as before. The console signs in through
 * {@link LoginService} (same passwords, limits and one-time password rule) and keeps the login token
 * in the server-side session: the browser holds only the session cookie (HttpOnly, SameSite=Lax,
 * Secure over HTTPS, see application.yml), every form carries a CSRF token, and revoking the token
 * (sign-out, password change, a deactivated operator) ends the console session at its next request.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurityConfig {

    /** Where the login token of a console session is kept (never sent to the browser). */
    static final String SESSION_TOKEN = "membercard.console.loginToken";

    static final String LOGIN_PAGE = "/console/login";
    static final String PASSWORD_PAGE = "/console/password";
    static final String LOGOUT = "/console/logout";
    static final String DENIED_PAGE = "/console/denied";

    /** No inline script or style, nothing from another origin; the pages' SVG charts are inline markup. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    @Bean
    @Order(1)
    SecurityFilterChain consoleSecurity(HttpSecurity http, JdbcCredentials credentials, Credentials known)
            throws Exception {
        AccessDeniedHandlerImpl denied = new AccessDeniedHandlerImpl();
        denied.setErrorPage(DENIED_PAGE);
        LoginUrlAuthenticationEntryPoint toLogin = new LoginUrlAuthenticationEntryPoint(LOGIN_PAGE);
        http.securityMatcher(AccessRules.CONSOLE_PATHS)
                // the session holds the login token, never a security context: the token is resolved
                // afresh on every request (ConsoleSessionFilter), so a revoked one signs the console out;
                // the session id is renewed by ConsoleSessions at sign-in
                .securityContext(context -> context.securityContextRepository(new NullSecurityContextRepository()))
                .sessionManagement(session -> session.disable())
                // the console's own sign-in and sign-out controllers call LoginService; CSRF stays on
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .addFilterBefore(new ConsoleSessionFilter(credentials, known), AnonymousAuthenticationFilter.class)
                .exceptionHandling(handling -> handling.authenticationEntryPoint((request, response, e) -> {
                            if (ConsoleSessionFilter.isHtmx(request)) {
                                // htmx would swap the sign-in page into a fragment: have it load the page
                                response.setHeader("HX-Redirect", request.getContextPath() + LOGIN_PAGE);
                                response.setStatus(HttpServletResponse.SC_OK);
                                return;
                            }
                            toLogin.commence(request, response, e);
                        })
                        .accessDeniedHandler(denied))
                .authorizeHttpRequests(AccessRules::console);
        return http.build();
    }
}
