package com.membercard.tenancy;

import com.membercard.shared.BusinessCode;
import com.membercard.shared.Hashing;
import com.membercard.shared.web.ErrorEnvelopes;
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
 * here; a request without one goes on anonymous and meets the access rules.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    static final String API_KEY_PREFIX = "mk_";
    static final String LOGIN_TOKEN_PREFIX = "lt_";

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
        Optional<Caller> caller = resolve(header.substring(7).strip());
        if (caller.isEmpty()) {
            errors.write(
                    request, response, HttpServletResponse.SC_UNAUTHORIZED, BusinessCode.NOT_AUTHENTICATED, "code.401");
            return;
        }
        var authentication = new UsernamePasswordAuthenticationToken(
                caller.get(),
                null,
                List.of(new SimpleGrantedAuthority(caller.get().role().authority())));
        SecurityContextHolder.getContext().setAuthentication(authentication);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private Optional<Caller> resolve(String secret) {
        if (secret.startsWith(API_KEY_PREFIX)) {
            return known.resolve(Hashing.sha256Hex(secret), credentials::byApiKeyHash);
        }
        if (secret.startsWith(LOGIN_TOKEN_PREFIX)) {
            return known.resolve(Hashing.sha256Hex(secret), credentials::byLoginTokenHash);
        }
        return Optional.empty();
    }
}
