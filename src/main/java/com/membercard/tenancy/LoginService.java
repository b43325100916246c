package com.membercard.tenancy;

import com.membercard.shared.BusinessCode;
import com.membercard.shared.BusinessException;
import com.membercard.shared.Hashing;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Username and password in, a login token out. Wrong passwords are counted per operator and lock
 * sign-in for a while; an unknown username costs the same hash check as a known one, so timing
 * does not tell which usernames exist.
 */
@Service
class LoginService {

    /** {@code expiresAt} in the operator's tenant time zone (Asia/Shanghai for platform administrators). */
    record Token(String token, LocalDateTime expiresAt) {}

    /** A valid BCrypt hash of a random string, checked when the username is unknown. */
    private final String decoyHash;

    private final JdbcOperators operators;
    private final PasswordEncoder passwords;
    private final AuthProperties properties;
    private final TenantDirectory tenants;
    private final Credentials known;

    LoginService(
            JdbcOperators operators,
            PasswordEncoder passwords,
            AuthProperties properties,
            TenantDirectory tenants,
            Credentials known) {
        this.operators = operators;
        this.known = known;
        this.tenants = tenants;
        this.passwords = passwords;
        this.properties = properties;
        this.decoyHash = passwords.encode(Hashing.newSecret(""));
    }

    @Transactional(noRollbackFor = BusinessException.class)
    Token login(String username, String password) {
        var login = operators.loginOf(username);
        if (login.isEmpty()) {
            passwords.matches(password, decoyHash);
            throw badCredentials();
        }
        var operator = login.get();
        if (operator.locked()) {
            throw new BusinessException(BusinessCode.NOT_AUTHENTICATED, "auth.tooManyAttempts");
        }
        if (!passwords.matches(password, operator.passwordHash()) || !operator.active()) {
            operators.recordFailedLogin(operator.id(), properties.maxFailedLogins(), properties.loginLock());
            throw badCredentials();
        }
        operators.recordSuccessfulLogin(operator.id());
        String token = Hashing.newSecret(BearerTokenFilter.LOGIN_TOKEN_PREFIX);
        operators.insertLoginToken(operator.tenantId(), operator.id(), Hashing.sha256Hex(token), properties.tokenTtl());
        ZoneId zone = operator.tenantId() == null ? TenantDirectory.DEFAULT_ZONE : tenants.zoneOf(operator.tenantId());
        return new Token(token, LocalDateTime.now(zone).plus(properties.tokenTtl()));
    }

    void logout(String bearerSecret) {
        operators.revokeLoginToken(Hashing.sha256Hex(bearerSecret));
        known.forgetAll();
    }

    private static BusinessException badCredentials() {
        return new BusinessException(BusinessCode.NOT_AUTHENTICATED, "auth.badCredentials");
    }
}
