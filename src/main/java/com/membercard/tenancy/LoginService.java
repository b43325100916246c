package com.membercard.tenancy;

import com.membercard.shared.BusinessCode;
import com.membercard.shared.BusinessException;
import com.membercard.shared.Hashing;
import com.membercard.shared.security.SecurityEvent;
import com.membercard.shared.security.SecurityEvent.Kind;
import com.membercard.tenancy.JdbcOperators.Login;
import com.membercard.tenancy.SignInAttempts.Decision;
import com.membercard.tenancy.SignInAttempts.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Username and password in, a login token out; and an operator's change of their own password.
 *
 * <p>Every attempt costs one password hash check, whatever happens to it: against the operator's
 * hash, or a decoy's when the username is unknown, and also when the attempt is throttled. A wrong
 * password, an unknown username, a deactivated operator and a throttled attempt then get the same
 * answer (401, {@code auth.badCredentials}) in about the same time, so neither the answer nor its
 * timing tells which usernames exist or which are held back. What is held back, and how a burst is
 * counted, is {@link SignInAttempts}'s.
 */
@Service
class LoginService {

    /**
     * {@code expiresAt} in the operator's tenant time zone (Asia/Shanghai for platform administrators);
     * {@code passwordChangeRequired}: the token may only change the password (code 420 elsewhere).
     */
    record Token(String token, LocalDateTime expiresAt, boolean passwordChangeRequired) {}

    /** A valid BCrypt hash of a random string, checked when the username is unknown. */
    private final String decoyHash;

    private final JdbcOperators operators;
    private final SignInAttempts attempts;
    private final ClientAddressLimiter addresses;
    private final PasswordEncoder passwords;
    private final AuthProperties properties;
    private final TenantDirectory tenants;
    private final Credentials known;
    private final ApplicationEventPublisher events;

    LoginService(
            JdbcOperators operators,
            SignInAttempts attempts,
            ClientAddressLimiter addresses,
            PasswordEncoder passwords,
            AuthProperties properties,
            TenantDirectory tenants,
            Credentials known,
            ApplicationEventPublisher events) {
        this.operators = operators;
        this.attempts = attempts;
        this.addresses = addresses;
        this.known = known;
        this.tenants = tenants;
        this.passwords = passwords;
        this.properties = properties;
        this.events = events;
        this.decoyHash = passwords.encode(Hashing.newSecret(""));
    }

    /** Not one transaction: the hash check holds no connection; the decision takes the row lock. */
    Token login(String username, String password, String address) {
        Optional<Login> login = operators.loginOf(username);
        String hash = login.map(Login::passwordHash).orElse(decoyHash);
        boolean matches = passwords.matches(password, hash);
        if (login.isEmpty()) {
            boolean throttled = addresses.blocked(address);
            addresses.recordFailure(address);
            events.publishEvent(new SecurityEvent(
                    null,
                    throttled ? Kind.SIGN_IN_THROTTLED : Kind.SIGN_IN_FAILED,
                    null,
                    null,
                    username,
                    address,
                    "unknown username"));
            throw badCredentials();
        }
        Decision decision = attempts.decide(login.get().tenantId(), login.get().id(), hash, matches, address);
        var operator = decision.operator();
        if (decision.verdict() != Verdict.ACCEPTED) {
            events.publishEvent(refusal(decision, address, "sign-in"));
            throw badCredentials();
        }
        events.publishEvent(new SecurityEvent(
                operator.tenantId(),
                Kind.SIGN_IN,
                operator.id(),
                null,
                operator.username(),
                address,
                operator.mustChangePassword() ? "one-time password: must change it" : null));
        return issue(operator.tenantId(), operator.id(), operator.mustChangePassword());
    }

    /**
     * The signed-in operator replaces their password, proving the current one (checked and throttled
     * like a sign-in, so a stolen token cannot guess it faster). Every login token of the operator is
     * revoked, this one too; the answer is a fresh token.
     */
    Token changePassword(Caller caller, String currentPassword, String newPassword, String address) {
        if (caller.operatorId() == null) {
            throw new BusinessException(BusinessCode.FORBIDDEN); // an API key has no password
        }
        if (newPassword.equals(currentPassword)) {
            throw BusinessException.invalid("newPassword", "error.samePassword");
        }
        checkStorable("newPassword", newPassword);
        long id = caller.operatorId();
        Login login = operators
                .loginOf(caller.tenant(), id)
                .orElseThrow(() -> new BusinessException(BusinessCode.NOT_AUTHENTICATED));
        boolean matches = passwords.matches(currentPassword, login.passwordHash());
        Decision decision = attempts.decide(caller.tenant(), id, login.passwordHash(), matches, address);
        if (decision.verdict() != Verdict.ACCEPTED) {
            events.publishEvent(refusal(decision, address, "password change"));
            throw new BusinessException(BusinessCode.WRONG_PASSWORD);
        }
        operators.changePassword(caller.tenant(), id, passwords.encode(newPassword));
        known.forgetAll();
        var operator = decision.operator();
        events.publishEvent(new SecurityEvent(
                operator.tenantId(),
                Kind.PASSWORD_CHANGED,
                id,
                null,
                operator.username(),
                address,
                "by the operator; login tokens revoked"));
        return issue(operator.tenantId(), id, false);
    }

    void logout(Caller caller, String bearerSecret, String address) {
        operators.revokeLoginToken(caller.tenant(), Hashing.sha256Hex(bearerSecret));
        known.forgetAll();
        events.publishEvent(new SecurityEvent(
                caller.tenant(), Kind.SIGN_OUT, caller.operatorId(), caller.apiKeyId(), caller.name(), address, null));
    }

    private Token issue(Long tenantId, long operatorId, boolean passwordChangeRequired) {
        String token = Hashing.newSecret(BearerTokenFilter.LOGIN_TOKEN_PREFIX);
        OffsetDateTime expires =
                operators.insertLoginToken(tenantId, operatorId, Hashing.sha256Hex(token), properties.tokenTtl());
        ZoneId zone = tenantId == null ? TenantDirectory.DEFAULT_ZONE : tenants.zoneOf(tenantId);
        return new Token(token, expires.atZoneSameInstant(zone).toLocalDateTime(), passwordChangeRequired);
    }

    private static SecurityEvent refusal(Decision decision, String address, String what) {
        var operator = decision.operator();
        boolean throttled = decision.verdict() == Verdict.THROTTLED;
        return new SecurityEvent(
                operator.tenantId(),
                throttled ? Kind.SIGN_IN_THROTTLED : Kind.SIGN_IN_FAILED,
                operator.id(),
                null,
                operator.username(),
                address,
                what + ": " + (throttled ? "not checked, " : (operator.active() ? "wrong password, " : "deactivated, "))
                        + decision.failures() + " failures in a row from this address");
    }

    /** BCrypt reads 72 bytes: a longer password (72 characters of Chinese or emoji) cannot be stored. */
    static void checkStorable(String field, String password) {
        if (password != null && password.getBytes(StandardCharsets.UTF_8).length > 72) {
            throw BusinessException.invalid(field, "error.passwordTooLong");
        }
    }

    private static BusinessException badCredentials() {
        return new BusinessException(BusinessCode.NOT_AUTHENTICATED, "auth.badCredentials");
    }
}
