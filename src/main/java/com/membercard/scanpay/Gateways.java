package com.membercard.scanpay;

import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The gateway of a tenant, and of an attempt (by the name written on it). Every tenant uses the
 * sandbox until it configures a real gateway.
 */
@Component
class Gateways {

    static final String SANDBOX = "SANDBOX";

    private final SandboxGateway sandbox;

    Gateways(SandboxGateway sandbox) {
        this.sandbox = sandbox;
    }

    /** The name of the gateway that takes the tenant's payments of this wallet now. */
    String current(long tenantId, Wallet wallet) {
        return SANDBOX;
    }

    /** The names of the gateways the tenant has configured (the sandbox until real ones are). */
    List<String> configuredNames(long tenantId) {
        return List.of(SANDBOX);
    }

    PaymentGateway named(long tenantId, String name) {
        if (SANDBOX.equals(name)) {
            return sandbox;
        }
        throw new IllegalStateException("no gateway " + name);
    }
}
