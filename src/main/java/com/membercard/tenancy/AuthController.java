package com.membercard.tenancy;

import com.membercard.shared.Envelope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Sign-in (登录)")
class AuthController {

    record LoginRequest(
            @NotBlank @Size(max = 64) String username,
            @NotBlank @Size(max = 72) String password) {}

    private final LoginService logins;

    AuthController(LoginService logins) {
        this.logins = logins;
    }

    @PostMapping("/login")
    @Operation(
            summary = "登录 — sign in",
            description = "data = {token, expiresAt}; send the token as `Authorization: Bearer <token>`. "
                    + "Five wrong passwords in a row lock the account for 15 minutes (401).")
    Envelope<LoginService.Token> login(@Valid @RequestBody LoginRequest request) {
        return Envelope.ok(logins.login(request.username(), request.password()));
    }

    @PostMapping("/logout")
    @Operation(summary = "退出 — revoke the login token of this request")
    Envelope<Void> logout(@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        logins.logout(authorization.substring("Bearer ".length()).strip());
        return Envelope.ok();
    }
}
