package com.membercard.scanpay;

import com.membercard.scanpay.GatewaySettings.Credentials;
import com.membercard.scanpay.alipay.AlipayGateway;
import com.membercard.scanpay.wechat.WechatPayGateway;
import com.membercard.shared.BusinessCode;
import com.membercard.shared.BusinessException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The gateway of a tenant's wallet, and of an attempt (by the name written on it). A tenant pays
 * through the sandbox until it enables a real gateway (WeChat Pay, Alipay: {@link GatewaySettings});
 * from then on a wallet without an enabled gateway of its own is refused (455), never sent to the
 * sandbox, which would "pay" without moving money. A deployment can forbid the sandbox altogether
 * ({@code membercard.scanpay.sandbox-allowed=false}). A gateway's client is built from the tenant's
 * settings and kept until they change (their revision).
 */
@Component
class Gateways {

    static final String SANDBOX = "SANDBOX";

    private record Built(long revision, PaymentGateway gateway) {}

    private final SandboxGateway sandbox;
    private final GatewaySettings settings;
    private final boolean sandboxAllowed;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Map<String, Built> built = new ConcurrentHashMap<>();

    Gateways(
            SandboxGateway sandbox,
            GatewaySettings settings,
            @Value("${membercard.scanpay.sandbox-allowed:true}") boolean sandboxAllowed,
            @Value("${membercard.scanpay.gateway-connect-timeout:5s}") Duration connectTimeout,
            @Value("${membercard.scanpay.gateway-read-timeout:10s}") Duration readTimeout) {
        this.sandbox = sandbox;
        this.settings = settings;
        this.sandboxAllowed = sandboxAllowed;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /** The name of the gateway that takes the tenant's payments of this wallet now; 455 when none does. */
    String current(long tenantId, Wallet wallet) {
        Set<RealGateway> enabled = settings.enabled(tenantId);
        for (RealGateway gateway : enabled) {
            if (gateway.wallet == wallet) {
                return gateway.name();
            }
        }
        if (enabled.isEmpty() && sandboxAllowed) {
            return SANDBOX;
        }
        throw new BusinessException(BusinessCode.NO_PAYMENT_GATEWAY, "error.noPaymentGateway");
    }

    /** Whether some wallet of the tenant has a gateway (op15 says scan pay is usable when it is also switched on). */
    boolean anyUsable(long tenantId) {
        return sandboxAllowed || !settings.enabled(tenantId).isEmpty();
    }

    /**
     * The names of the gateways the tenant has settings for (enabled or not: earlier payments went
     * through them), and the sandbox while it pays through it; for the reconciliation of statements.
     */
    List<String> configuredNames(long tenantId) {
        List<String> names = new ArrayList<>();
        settings.configured(tenantId).forEach(gateway -> names.add(gateway.name()));
        if (settings.enabled(tenantId).isEmpty()) {
            names.add(SANDBOX);
        }
        return List.copyOf(names);
    }

    /** The gateway of that name for the tenant, as an attempt written with it is followed up. */
    PaymentGateway named(long tenantId, String name) {
        if (SANDBOX.equals(name)) {
            return sandbox;
        }
        RealGateway gateway =
                RealGateway.named(name).orElseThrow(() -> new IllegalStateException("no gateway " + name));
        long revision = settings.revision(tenantId, gateway)
                .orElseThrow(() -> new IllegalStateException("tenant " + tenantId + " has no " + name + " settings"));
        String key = tenantId + ":" + gateway;
        Built current = built.get(key);
        if (current != null && current.revision() == revision) {
            return current.gateway();
        }
        Credentials credentials = settings.credentials(tenantId, gateway).orElseThrow();
        Built fresh = new Built(credentials.revision(), client(credentials));
        built.put(key, fresh);
        return fresh.gateway();
    }

    private PaymentGateway client(Credentials credentials) {
        return switch (credentials.gateway()) {
            case WECHAT ->
                new WechatPayGateway(new WechatPayGateway.Settings(
                        credentials.appId(),
                        credentials.merchantId(),
                        credentials.secret(),
                        credentials.signType(),
                        credentials.url(),
                        credentials.certificate(),
                        connectTimeout,
                        readTimeout));
            case ALIPAY ->
                new AlipayGateway(new AlipayGateway.Settings(
                        credentials.appId(),
                        credentials.secret(),
                        credentials.publicKey(),
                        credentials.url(),
                        connectTimeout,
                        readTimeout));
        };
    }
}
