package com.membercard.tenancy;

import com.membercard.shared.Envelope;
import com.membercard.shared.jdbc.SpansNodes;
import com.membercard.shared.web.BusinessCodes;
import com.membercard.shared.web.ClientAddress;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

// sharded mode: a password change counts its failures by the operator's id and enters its new token in
// the credential directory on node 0
@SpansNodes
@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Sign-in (登录)")
class AuthController {

    record LoginRequest(
            @NotBlank @Size(max = 64) String username,
            @NotBlank @Size(max = 72) String password) {}

    record PasswordChange(
            @Schema(example = "the-current-password") @NotBlank @Size(max = 72)
            String currentPassword,

            @Schema(example = "a-new-password") @NotNull @Size(min = 8, max = 72)
            String newPassword) {}

    private final LoginService logins;

    AuthController(LoginService logins) {
        this.logins = logins;
    }

    @PostMapping("/login")
    @Operation(
            summary = "登录 — sign in",
            description = "data = {token, expiresAt, passwordChangeRequired}; send the token as "
                    + "`Authorization: Bearer <token>`. A wrong password, an unknown username, a deactivated "
                    + "operator and an attempt held back all answer the same 401. From the 5th wrong password "
                    + "in a row for one username from one client address, that address waits 1 s, 2 s, 4 s… "
                    + "(at most 15 minutes) before its next try counts, and an address with 20 failures "
                    + "within 15 minutes is held back on every username; other addresses are never held "
                    + "back. With passwordChangeRequired (the one-time password of the first platform "
                    + "administrator) the token may only change the password; anything else answers 420.")
    Envelope<LoginService.Token> login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        return Envelope.ok(logins.login(request.username(), request.password(), ClientAddress.of(http)));
    }

    @PostMapping("/password")
    @BusinessCodes({400, 421})
    @Operation(
            summary = "修改密码 — change one's own password",
            description = "For a signed-in operator (a login token; an API key gets 403). The current "
                    + "password is checked and held back like a sign-in: wrong or held back, 421. Every "
                    + "login token of the operator is revoked, this one too; data = a fresh "
                    + "{token, expiresAt, passwordChangeRequired}.")
    Envelope<LoginService.Token> changePassword(
            @AuthenticationPrincipal Caller caller,
            @Valid @RequestBody PasswordChange request,
            HttpServletRequest http) {
        return Envelope.ok(logins.changePassword(
                caller, request.currentPassword(), request.newPassword(), ClientAddress.of(http)));
    }

    @PostMapping("/logout")
    @Operation(summary = "退出 — revoke the login token of this request")
    Envelope<Void> logout(
            @AuthenticationPrincipal Caller caller,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            HttpServletRequest http) {
        logins.logout(caller, authorization.substring("Bearer ".length()).strip(), ClientAddress.of(http));
        return Envelope.ok();
    }
}
