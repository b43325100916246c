package com.membercard.tenancy;

import com.membercard.shared.BusinessCode;
import com.membercard.shared.Hashing;
import com.membercard.shared.web.ErrorEnvelopes;
import com.membercard.tenancy.Credentials.Found;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Resolves {@code Authorization: Bearer <secret>} (an API key {@code mk_…} or a login token
 * {@code lt_…}) to a {@link Caller}. A secret that is unknown, revoked or expired is answered 401
 * here; a request without one goes on anonymous and meets the access rules. The login token of an
 * operator who must first replace a one-time password reaches only the password change (and
 * sign-out); anything else answers 403 with code 420.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    static final String API_KEY_PREFIX = "mk_";
    static final String LOGIN_TOKEN_PREFIX = "lt_";
    private static final String PASSWORD_PATH = "/api/v1/auth/password";
    private static final String LOGOUT_PATH = "/api/v1/auth/logout";

    private final JdbcCredentials credentials;
    private final Credentials known;
    private final ErrorEnvelopes errors;

    BearerTokenFilter(JdbcCredentials credentials, Credentials known, ErrorEnvelopes errors) {
        this.credentials = credentials;
        this.known = known;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Found> found = resolve(header.substring(7).strip());
        if (found.isEmpty()) {
            errors.write(
                    request, response, HttpServletResponse.SC_UNAUTHORIZED, BusinessCode.NOT_AUTHENTICATED, "code.401");
            return;
        }
        if (found.get().mustChangePassword() && !allowedBeforePasswordChange(request)) {
            errors.write(
                    request,
                    response,
                    HttpServletResponse.SC_FORBIDDEN,
                    BusinessCode.PASSWORD_CHANGE_REQUIRED,
                    BusinessCode.PASSWORD_CHANGE_REQUIRED.messageKey());
            return;
        }
        Caller caller = found.get().caller();
        var authentication = new UsernamePasswordAuthenticationToken(
                caller, null, List.of(new SimpleGrantedAuthority(caller.role().authority())));
        SecurityContextHolder.getContext().setAuthentication(authentication);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** With a one-time password, a login token may change the password or sign out, nothing else. */
    private static boolean allowedBeforePasswordChange(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return "POST".equals(request.getMethod()) && (path.equals(PASSWORD_PATH) || path.equals(LOGOUT_PATH));
    }

    private Optional<Found> resolve(String secret) {
        if (secret.startsWith(API_KEY_PREFIX)) {
            return known.resolve(Hashing.sha256Hex(secret), credentials::byApiKeyHash);
        }
        if (secret.startsWith(LOGIN_TOKEN_PREFIX)) {
            return known.resolve(Hashing.sha256Hex(secret), credentials::byLoginTokenHash);
        }
        return Optional.empty();
    }
}
