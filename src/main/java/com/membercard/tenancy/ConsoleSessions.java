package com.membercard.tenancy;

import com.membercard.shared.web.ClientAddress;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import org.springframework.stereotype.Service;

/**
 * Sign-in, password change and sign-out for the admin console: {@link LoginService}'s, with the
 * login token kept in the server-side session instead of handed to the client. Published for the
 * console module; the token itself never leaves this module.
 */
@Service
public class ConsoleSessions {

    private final LoginService logins;
    private final Validator validator;

    ConsoleSessions(LoginService logins, Validator validator) {
        this.logins = logins;
        this.validator = validator;
    }

    /**
     * Signs in (401 {@code auth.badCredentials} as the API, with its limits) and binds the token to
     * a fresh session id, so a session id planted before the sign-in is worth nothing after it.
     *
     * @return true when the password is one-time and must be changed before anything else
     */
    public boolean signIn(String username, String password, HttpServletRequest request) {
        LoginService.Token token = logins.login(username, password, ClientAddress.of(request));
        request.getSession(true);
        request.changeSessionId();
        request.getSession().setAttribute(ConsoleSecurityConfig.SESSION_TOKEN, token.token());
        return token.passwordChangeRequired();
    }

    /**
     * The operator's own password change, checked as the API's body is (a {@link
     * ConstraintViolationException} naming the field), then 400 or 421 as the API answers.
     */
    public void changePassword(Caller caller, String currentPassword, String newPassword, HttpServletRequest request) {
        var violations = validator.validate(new AuthController.PasswordChange(currentPassword, newPassword));
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        LoginService.Token token =
                logins.changePassword(caller, currentPassword, newPassword, ClientAddress.of(request));
        request.changeSessionId();
        request.getSession().setAttribute(ConsoleSecurityConfig.SESSION_TOKEN, token.token());
    }

    /** Revokes the session's login token and ends the session. */
    public void signOut(Caller caller, HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return;
        }
        if (session.getAttribute(ConsoleSecurityConfig.SESSION_TOKEN) instanceof String token && caller != null) {
            logins.logout(caller, token, ClientAddress.of(request));
        }
        session.invalidate();
    }
}
