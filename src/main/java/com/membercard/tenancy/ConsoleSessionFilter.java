package com.membercard.tenancy;

import com.membercard.shared.Hashing;
import com.membercard.tenancy.Credentials.Found;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The console's counterpart of {@link BearerTokenFilter}: the login token comes from the session
 * instead of a header and is resolved the same way on every request, so a token revoked or expired
 * signs the console out at once. An operator with a one-time password reaches only the password
 * page and sign-out, as the API's 420 rule says.
 */
class ConsoleSessionFilter extends OncePerRequestFilter {

    private final JdbcCredentials credentials;
    private final Credentials known;

    ConsoleSessionFilter(JdbcCredentials credentials, Credentials known) {
        this.credentials = credentials;
        this.known = known;
    }

    static boolean isHtmx(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        String token = session == null ? null : (String) session.getAttribute(ConsoleSecurityConfig.SESSION_TOKEN);
        if (token == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Found> found = known.resolve(Hashing.sha256Hex(token), credentials::byLoginTokenHash);
        if (found.isEmpty()) {
            session.removeAttribute(ConsoleSecurityConfig.SESSION_TOKEN);
            chain.doFilter(request, response);
            return;
        }
        if (found.get().mustChangePassword() && !allowedBeforePasswordChange(request)) {
            String page = request.getContextPath() + ConsoleSecurityConfig.PASSWORD_PAGE;
            if (isHtmx(request)) {
                response.setHeader("HX-Redirect", page);
            } else {
                response.sendRedirect(page);
            }
            return;
        }
        Caller caller = found.get().caller();
        SecurityContextHolder.getContext()
                .setAuthentication(new UsernamePasswordAuthenticationToken(
                        caller,
                        null,
                        List.of(new SimpleGrantedAuthority(caller.role().authority()))));
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static boolean allowedBeforePasswordChange(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals(ConsoleSecurityConfig.PASSWORD_PAGE)
                || path.equals(ConsoleSecurityConfig.LOGOUT)
                || path.startsWith("/webjars/")
                || path.startsWith("/console/assets/");
    }
}
