package com.membercard.tenancy;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import jakarta.servlet.DispatcherType;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Which role reaches which endpoint: the whole table in one place, read top to bottom, first match
 * wins. Anything not listed is refused, so an endpoint added without a rule is closed, not open.
 * Platform administrators have no tenant, so tenant endpoints are not theirs (they sign in as that
 * tenant's administrator), except where the API lets them name a tenant (op04, op10, op40, the
 * security event log).
 */
final class AccessRules {

    private static final String[] TENANT_ROLES = {"TENANT_ADMIN", "CASHIER", "AUDITOR"};
    private static final String[] TILL_ROLES = {"TENANT_ADMIN", "CASHIER"};
    private static final String[] ALL_ROLES = {"PLATFORM_ADMIN", "TENANT_ADMIN", "CASHIER", "AUDITOR"};
    private static final String[] CATALOGUE = {
        "/api/v1/card-classes/**",
        "/api/v1/member-levels/**",
        "/api/v1/member-tags/**",
        "/api/v1/gifts/**",
        "/api/v1/recharge-plans/**",
        "/api/v1/settings/**",
        "/api/v1/shops/**"
    };

    /** The admin console's paths: its own security chain ({@link ConsoleSecurityConfig}) serves them. */
    static final String[] CONSOLE_PATHS = {"/", "/console", "/console/**", "/webjars/**"};

    private static final String[] MANAGER_PAGES = {
        "/console/catalog/**",
        "/console/shops/**",
        "/console/operators/**",
        "/console/api-keys/**",
        "/console/reports/**",
        "/console/import/**",
        "/console/settings/**"
    };

    private AccessRules() {}

    /**
     * @param managementPort matches a request to the management port (MANAGEMENT_SERVER_PORT, bound
     *     where MANAGEMENT_SERVER_ADDRESS says), when one is set apart from the service's
     */
    static void apply(
            AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry rules,
            RequestMatcher managementPort) {
        rules
                // the rest of a request already let through (an export streaming, an error page)
                .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
                .permitAll()
                // open: sign-in, documentation, health
                .requestMatchers(POST, "/api/v1/auth/login")
                .permitAll()
                .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
                .permitAll()
                // health: the status for load balancers, details for platform administrators
                // (management.endpoint.health.show-details=when-authorized); metrics need a platform
                // administrator, unless they come through a management port of their own
                .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                .permitAll()
                .requestMatchers(managementPort)
                .permitAll()
                .requestMatchers("/actuator/prometheus")
                .hasRole("PLATFORM_ADMIN")
                .requestMatchers("/error")
                .permitAll()
                // money: the till moves it. Listed before the rest because it is most of the traffic and
                // every rule above a request's own costs it a path match; no rule above names these paths
                .requestMatchers(POST, "/api/v1/card-payments/**", "/api/v1/recharges/**", "/api/v1/balance-refunds/**")
                .hasAnyRole(TILL_ROLES)
                // any credential
                .requestMatchers(POST, "/api/v1/auth/logout", "/api/v1/auth/password")
                .hasAnyRole(ALL_ROLES)
                .requestMatchers(GET, "/api/v1/dicts/**")
                .hasAnyRole(ALL_ROLES)
                // the platform
                .requestMatchers("/api/v1/tenants/**")
                .hasRole("PLATFORM_ADMIN")
                .requestMatchers(GET, "/api/v1/card-classes/of-tenant")
                .hasAnyRole(ALL_ROLES)
                // redeeming a gift is till work, though it lies under the catalogue's path
                .requestMatchers(POST, "/api/v1/gifts/redeem")
                .hasAnyRole(TILL_ROLES)
                // the tenant's catalogue, shops, operators and keys: all read, administrators write
                .requestMatchers(GET, CATALOGUE)
                .hasAnyRole(TENANT_ROLES)
                .requestMatchers(POST, CATALOGUE)
                .hasRole("TENANT_ADMIN")
                .requestMatchers(PUT, CATALOGUE)
                .hasRole("TENANT_ADMIN")
                .requestMatchers(DELETE, CATALOGUE)
                .hasRole("TENANT_ADMIN")
                .requestMatchers("/api/v1/operators/**", "/api/v1/api-keys/**")
                .hasRole("TENANT_ADMIN")
                // importing members (op38, its upload and template) and the import jobs: tenant
                // administrators only (the platform's op40 lies under /tenants above)
                .requestMatchers("/api/v1/members/import", "/api/v1/members/import/**", "/api/v1/import-jobs/**")
                .hasRole("TENANT_ADMIN")
                // members and cards: op04 is an export, also for platform administrators naming a
                // tenant; auditors read; cashiers and administrators work the till
                .requestMatchers(GET, "/api/v1/members/by-class")
                .hasAnyRole(ALL_ROLES)
                .requestMatchers(POST, "/api/v1/cards/pin/clear")
                .hasRole("TENANT_ADMIN")
                .requestMatchers(GET, "/api/v1/members/**", "/api/v1/cards/**")
                .hasAnyRole(TENANT_ROLES)
                .requestMatchers(POST, "/api/v1/members", "/api/v1/cards/**")
                .hasAnyRole(TILL_ROLES)
                .requestMatchers(PUT, "/api/v1/members/*")
                .hasAnyRole(TILL_ROLES)
                // scan pay (op25, op26, op28): the till charges the customer's wallet, refunds it and
                // asks after it
                .requestMatchers(
                        POST, "/api/v1/scan-payments", "/api/v1/scan-payments/refund", "/api/v1/scan-payments/*/query")
                .hasAnyRole(TILL_ROLES)
                // reconciliation with the gateways' statements: tenant administrators
                .requestMatchers(GET, "/api/v1/scan-payments/reconciliation")
                .hasRole("TENANT_ADMIN")
                // scan pay's gateways: their settings hold the tenant's merchant secrets (masked in every
                // answer): administrators change them, auditors read them, cashiers neither
                .requestMatchers(GET, "/api/v1/payment-gateways", "/api/v1/payment-gateways/*")
                .hasAnyRole("TENANT_ADMIN", "AUDITOR")
                .requestMatchers(PUT, "/api/v1/payment-gateways/*")
                .hasRole("TENANT_ADMIN")
                // everyone of the tenant may read the refund drafts (the till's money itself: above)
                .requestMatchers(GET, "/api/v1/recharges/refund-draft", "/api/v1/balance-refunds/draft")
                .hasAnyRole(TENANT_ROLES)
                .requestMatchers(GET, "/api/v1/ledger/reconciliation")
                .hasAnyRole("TENANT_ADMIN", "AUDITOR")
                // day-end (settlement): the till (administrators, cashiers) closes a day, every role of
                // the tenant reads a day's state and the list of closes (a till checks it before closing)
                .requestMatchers(POST, "/api/v1/day-end")
                .hasAnyRole(TILL_ROLES)
                .requestMatchers(GET, "/api/v1/day-end", "/api/v1/day-end/days", "/api/v1/day-end/schedule")
                .hasAnyRole(TENANT_ROLES)
                .requestMatchers(PUT, "/api/v1/day-end/schedule")
                .hasRole("TENANT_ADMIN")
                // reports (settlement): tenant administrators and auditors
                .requestMatchers(GET, "/api/v1/reports/**")
                .hasAnyRole("TENANT_ADMIN", "AUDITOR")
                // the security event log: a tenant's administrators their tenant's, the platform its own
                // (or, naming one, a tenant's, which that tenant's log records)
                .requestMatchers(GET, "/api/v1/security-events")
                .hasAnyRole("PLATFORM_ADMIN", "TENANT_ADMIN")
                .anyRequest()
                .denyAll();
    }

    /**
     * The console's pages, by the same roles as the API: the till for administrators and cashiers,
     * members read by the whole tenant, the manager's pages read by administrators and auditors and
     * changed by administrators, tenants by the platform administrator. Anything else is refused.
     */
    static void console(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR, DispatcherType.ASYNC)
                .permitAll()
                .requestMatchers("/webjars/**", "/console/assets/**", "/console/login", "/console/language")
                .permitAll()
                .requestMatchers("/", "/console", "/console/password", "/console/logout", "/console/denied")
                .authenticated()
                .requestMatchers("/console/tenants/**")
                .hasRole("PLATFORM_ADMIN")
                .requestMatchers("/console/till/**")
                .hasAnyRole(TILL_ROLES)
                // day-end: every role of the tenant reads the days, the till closes one (as the API)
                .requestMatchers(GET, "/console/day-end")
                .hasAnyRole(TENANT_ROLES)
                .requestMatchers(POST, "/console/day-end/*")
                .hasAnyRole(TILL_ROLES)
                .requestMatchers(GET, "/console/members/**")
                .hasAnyRole(TENANT_ROLES)
                .requestMatchers("/console/members/**")
                .hasAnyRole(TILL_ROLES)
                .requestMatchers(GET, MANAGER_PAGES)
                .hasAnyRole("TENANT_ADMIN", "AUDITOR")
                .requestMatchers(MANAGER_PAGES)
                .hasRole("TENANT_ADMIN")
                .anyRequest()
                .denyAll();
    }
}
