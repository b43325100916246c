package com.membercard.tenancy;

import com.membercard.shared.Hashing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * On a database without a platform administrator, creates one from
 * {@code MEMBERCARD_ADMIN_USERNAME}/{@code MEMBERCARD_ADMIN_PASSWORD}, or else {@code admin} with a
 * random password that is printed this once (it is stored only hashed) and must be changed at the
 * first sign-in. A password set through the environment counts as chosen by the deployment's
 * operator and need not be changed.
 */
@Component
@Order(0)
class PlatformAdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(PlatformAdminBootstrap.class);

    private final JdbcOperators operators;
    private final PasswordEncoder passwords;
    private final BootstrapProperties properties;

    PlatformAdminBootstrap(JdbcOperators operators, PasswordEncoder passwords, BootstrapProperties properties) {
        this.operators = operators;
        this.passwords = passwords;
        this.properties = properties;
    }

    /**
     * A generated password is one-time: the first sign-in answers a token that may only change it.
     * A password the deployment set (MEMBERCARD_ADMIN_PASSWORD) counts as chosen.
     */
    long create(String username, String password, boolean oneTime) {
        return operators
                .insert(
                        null,
                        username,
                        passwords.encode(password),
                        "Platform administrator",
                        Role.PLATFORM_ADMIN,
                        null,
                        oneTime)
                .orElseThrow(() -> new IllegalStateException("username " + username + " is taken"));
    }

    @Override
    public void run(ApplicationArguments args) {
        if (operators.platformAdminExists()) {
            return;
        }
        String username = StringUtils.hasText(properties.username()) ? properties.username() : "admin";
        boolean generated = !StringUtils.hasText(properties.password());
        String password = generated ? Hashing.newSecret("").substring(0, 20) : properties.password();
        create(username, password, generated);
        if (generated) {
            log.warn(
                    "Created platform administrator '{}' with one-time password: {} (it must be changed at the first"
                            + " sign-in)",
                    username,
                    password);
        } else {
            log.info("Created platform administrator '{}' from MEMBERCARD_ADMIN_USERNAME/PASSWORD", username);
        }
    }
}
