package com.membercard.tenancy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code MEMBERCARD_ADMIN_USERNAME} / {@code MEMBERCARD_ADMIN_PASSWORD}: the first platform administrator. */
@ConfigurationProperties("membercard.admin")
record BootstrapProperties(String username, String password) {}
