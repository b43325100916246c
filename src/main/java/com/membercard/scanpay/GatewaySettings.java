package com.membercard.scanpay;

import com.membercard.scanpay.GatewaySecrets.Sealed;
import com.membercard.shared.BusinessException;
import com.membercard.shared.security.SecurityEvent;
import com.membercard.shared.web.ClientAddress;
import com.membercard.tenancy.Caller;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's real payment gateways (table {@code scan_pay_gateway}): what its administrators enter,
 * checked field by field; the secrets sealed with {@link GatewaySecrets} before they are written and
 * opened only to build a gateway client; what anyone reads back is {@link GatewayView}, with each
 * secret shown as {@code set} or absent, never its value.
 */
@Service
class GatewaySettings {

    private static final Logger log = LoggerFactory.getLogger(GatewaySettings.class);

    /**
     * What a gateway client is built from, secrets opened: never logged, never answered.
     *
     * @param secret WeChat's merchant API key, or the Alipay application's private key
     * @param certificate WeChat's API certificate (PKCS12), or null
     * @param revision moves at every change of the row
     */
    record Credentials(
            RealGateway gateway,
            boolean enabled,
            String appId,
            String merchantId,
            String signType,
            String url,
            String publicKey,
            String secret,
            byte[] certificate,
            long revision) {

        @Override
        public String toString() {
            return "GatewaySettings.Credentials[" + gateway + ", appId=" + appId + ", revision=" + revision + "]";
        }
    }

    private record Row(
            RealGateway gateway,
            boolean enabled,
            String appId,
            String merchantId,
            String signType,
            String url,
            String publicKey,
            int keyVersion,
            byte[] secretSealed,
            byte[] certificateSealed,
            long revision,
            OffsetDateTime updatedAt) {}

    private static final Pattern WECHAT_APP_ID = Pattern.compile("[A-Za-z0-9_]{1,32}");
    private static final Pattern WECHAT_MERCHANT_ID = Pattern.compile("[0-9]{1,32}");
    private static final Pattern WECHAT_KEY = Pattern.compile("[A-Za-z0-9]{32}");
    private static final Pattern ALIPAY_APP_ID = Pattern.compile("[0-9]{8,32}");
    private static final Set<String> WECHAT_SIGN_TYPES = Set.of("MD5", "HMAC-SHA256");
    /** A PKCS12 certificate is a few kilobytes; an RSA key in base64 about 1.6 KB. */
    private static final int LONGEST_CERTIFICATE = 20_000;

    private static final int LONGEST_KEY = 8_000;
    private static final int SHORTEST_RSA_BITS = 2048;
    private static final int LONGEST_URL = 255;

    /** WeChat Pay's hosts (and its backup) and Alipay's (and its sandbox). */
    static final String DEFAULT_HOSTS =
            "api.mch.weixin.qq.com,api2.mch.weixin.qq.com,openapi.alipay.com,openapi-sandbox.dl.alipaydev.com";

    private final JdbcClient jdbc;
    private final GatewaySecrets secrets;
    private final ApplicationEventPublisher events;
    private final Set<String> gatewayHosts;

    /**
     * @param gatewayHosts the hosts a gateway address may name ({@code membercard.scanpay.gateway-hosts}):
     *     WeChat's and Alipay's own by default, so that no tenant can aim the service's signed requests
     *     (and its customers' payment codes) at a host of its choosing, inside the network or out
     */
    GatewaySettings(
            JdbcClient jdbc,
            GatewaySecrets secrets,
            ApplicationEventPublisher events,
            @Value("${membercard.scanpay.gateway-hosts:" + DEFAULT_HOSTS + "}") String gatewayHosts) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.events = events;
        this.gatewayHosts = Arrays.stream(gatewayHosts.split(","))
                .map(host -> host.strip().toLowerCase(Locale.ROOT))
                .filter(host -> !host.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Every real gateway of the tenant, configured or not, masked. */
    List<GatewayView> views(long tenantId) {
        return EnumSet.allOf(RealGateway.class).stream()
                .map(gateway -> view(tenantId, gateway))
                .toList();
    }

    GatewayView view(long tenantId, RealGateway gateway) {
        return row(tenantId, gateway).map(GatewaySettings::masked).orElseGet(() -> GatewayView.notConfigured(gateway));
    }

    /** The gateways whose settings the tenant enabled. */
    Set<RealGateway> enabled(long tenantId) {
        List<String> names = jdbc.sql("select gateway from scan_pay_gateway where tenant_id = :tenantId and enabled")
                .param("tenantId", tenantId)
                .query(String.class)
                .list();
        Set<RealGateway> enabled = EnumSet.noneOf(RealGateway.class);
        names.forEach(name -> enabled.add(RealGateway.valueOf(name)));
        return Collections.unmodifiableSet(enabled);
    }

    /** The gateways the tenant has settings for, enabled or not (earlier attempts went through them). */
    Set<RealGateway> configured(long tenantId) {
        List<String> names = jdbc.sql("select gateway from scan_pay_gateway where tenant_id = :tenantId")
                .param("tenantId", tenantId)
                .query(String.class)
                .list();
        Set<RealGateway> configured = EnumSet.noneOf(RealGateway.class);
        names.forEach(name -> configured.add(RealGateway.valueOf(name)));
        return Collections.unmodifiableSet(configured);
    }

    /** The settings' revision, to tell whether a client built earlier is still current. */
    Optional<Long> revision(long tenantId, RealGateway gateway) {
        return jdbc.sql("select revision from scan_pay_gateway where tenant_id = :tenantId and gateway = :gateway")
                .param("tenantId", tenantId)
                .param("gateway", gateway.name())
                .query(Long.class)
                .optional();
    }

    /** The settings with their secrets opened, to build a client from. */
    Optional<Credentials> credentials(long tenantId, RealGateway gateway) {
        return row(tenantId, gateway)
                .map(row -> new Credentials(
                        gateway,
                        row.enabled(),
                        row.appId(),
                        row.merchantId(),
                        row.signType(),
                        row.url(),
                        row.publicKey(),
                        open(tenantId, row, row.secretSealed(), "secret"),
                        row.certificateSealed() == null
                                ? null
                                : Base64.getDecoder()
                                        .decode(open(tenantId, row, row.certificateSealed(), "certificate")),
                        row.revision()));
    }

    /** The fields of an update once checked: what the row is written from, the secrets still plain. */
    private record Checked(
            String appId,
            String merchantId,
            String signType,
            String url,
            String publicKey,
            String secret,
            String certificate) {

        @Override
        public String toString() {
            return "Checked[appId=" + appId + "]";
        }
    }

    /**
     * Checks every field (400 naming the first one wrong), seals the secrets, writes the row and
     * answers it masked. Every change is a security event (without any secret).
     */
    @Transactional
    GatewayView save(long tenantId, Caller caller, RealGateway gateway, GatewayRequest update) {
        if (update.enabled() == null) {
            throw BusinessException.invalid("enabled", "error.required");
        }
        Checked checked = gateway == RealGateway.WECHAT ? checkedWechat(update) : checkedAlipay(update);
        Optional<Row> stored = row(tenantId, gateway);
        String secretField = gateway == RealGateway.WECHAT ? "merchantKey" : "privateKey";
        // a secret left out keeps the stored one, opened and sealed again so that the row has one key version
        String secret = checked.secret() != null
                ? checked.secret()
                : stored.map(row -> open(tenantId, row, row.secretSealed(), "secret"))
                        .orElseThrow(() -> BusinessException.invalid(secretField, "error.required"));
        String certificate = checked.certificate();
        if (certificate == null && stored.isPresent() && stored.get().certificateSealed() != null) {
            certificate = open(tenantId, stored.get(), stored.get().certificateSealed(), "certificate");
            // its password is the merchant id: a changed id needs the certificate again
            checkedCertificate(certificate, checked.merchantId());
        }
        if (gateway == RealGateway.WECHAT && certificate == null && !isLoopback(checked.url())) {
            // reverse and refund need it at WeChat: without it a payment left paying could not be cancelled
            throw BusinessException.invalid("certificate", "error.gateway.certificateRequired");
        }
        Sealed sealedSecret = secrets.seal(secret, context(tenantId, gateway, "secret"));
        byte[] sealedCertificate = certificate == null
                ? null
                : secrets.seal(certificate, context(tenantId, gateway, "certificate"))
                        .bytes();
        jdbc.sql("""
                        insert into scan_pay_gateway (tenant_id, gateway, enabled, app_id, merchant_id, sign_type,
                                                      gateway_url, public_key, key_version, secret_sealed,
                                                      certificate_sealed, updated_by)
                        values (:tenantId, :gateway, :enabled, :appId, :merchantId, :signType, :url, :publicKey,
                                :keyVersion, :secret, :certificate, :operatorId)
                        on conflict (tenant_id, gateway) do update set
                            enabled = excluded.enabled, app_id = excluded.app_id, merchant_id = excluded.merchant_id,
                            sign_type = excluded.sign_type, gateway_url = excluded.gateway_url,
                            public_key = excluded.public_key, key_version = excluded.key_version,
                            secret_sealed = excluded.secret_sealed, certificate_sealed = excluded.certificate_sealed,
                            revision = scan_pay_gateway.revision + 1, updated_at = now(),
                            updated_by = excluded.updated_by
                        """)
                .param("tenantId", tenantId)
                .param("gateway", gateway.name())
                .param("enabled", update.enabled())
                .param("appId", checked.appId())
                .param("merchantId", checked.merchantId())
                .param("signType", checked.signType())
                .param("url", checked.url())
                .param("publicKey", checked.publicKey())
                .param("keyVersion", sealedSecret.keyVersion())
                .param("secret", sealedSecret.bytes())
                .param("certificate", sealedCertificate)
                .param("operatorId", caller.operatorId())
                .update();
        events.publishEvent(new SecurityEvent(
                tenantId,
                SecurityEvent.Kind.PAYMENT_GATEWAY_CHANGED,
                caller.operatorId(),
                caller.apiKeyId(),
                gateway.name(),
                ClientAddress.current(),
                (update.enabled() ? "enabled" : "disabled") + ", " + checked.url()
                        + (checked.secret() != null ? ", new " + secretField : "")
                        + (checked.certificate() != null ? ", new certificate" : "")));
        return view(tenantId, gateway);
    }

    private Checked checkedWechat(GatewayRequest update) {
        notUsed("privateKey", update.privateKey());
        notUsed("alipayPublicKey", update.alipayPublicKey());
        String appId = checkPattern("appId", update.appId(), WECHAT_APP_ID);
        String merchantId = checkPattern("merchantId", update.merchantId(), WECHAT_MERCHANT_ID);
        String signType = update.signType() == null ? RealGateway.WECHAT.defaultSignType : update.signType();
        if (!WECHAT_SIGN_TYPES.contains(signType)) {
            throw BusinessException.invalid("signType", "error.gateway.signType");
        }
        return new Checked(
                appId,
                merchantId,
                signType,
                checkedUrl(update.gatewayUrl(), RealGateway.WECHAT),
                null,
                update.merchantKey() == null ? null : checkPattern("merchantKey", update.merchantKey(), WECHAT_KEY),
                update.certificate() == null ? null : checkedCertificate(update.certificate(), merchantId));
    }

    private Checked checkedAlipay(GatewayRequest update) {
        notUsed("merchantId", update.merchantId());
        notUsed("merchantKey", update.merchantKey());
        notUsed("certificate", update.certificate());
        String appId = checkPattern("appId", update.appId(), ALIPAY_APP_ID);
        if (update.signType() != null && !RealGateway.ALIPAY.defaultSignType.equals(update.signType())) {
            throw BusinessException.invalid("signType", "error.gateway.signType");
        }
        if (update.alipayPublicKey() == null) {
            throw BusinessException.invalid("alipayPublicKey", "error.required");
        }
        return new Checked(
                appId,
                null,
                RealGateway.ALIPAY.defaultSignType,
                checkedUrl(update.gatewayUrl(), RealGateway.ALIPAY),
                checkedPublicKey(update.alipayPublicKey()),
                update.privateKey() == null ? null : checkedPrivateKey(update.privateKey()),
                null);
    }

    private String open(long tenantId, Row row, byte[] sealed, String field) {
        return secrets.open(new Sealed(row.keyVersion(), sealed), context(tenantId, row.gateway(), field));
    }

    /**
     * Seals again, under the current key, every secret still sealed under a key rotated out, so that
     * the old key can be retired (README "Payment gateway keys"). Runs once at start-up.
     */
    @EventListener(ApplicationReadyEvent.class)
    void resealUnderCurrentKey() {
        record Settings(long tenantId, RealGateway gateway) {}
        List<Settings> outdated = jdbc.sql(
                        "select tenant_id, gateway from scan_pay_gateway where key_version <> :current")
                .param("current", secrets.currentKeyVersion())
                .query((rs, n) -> new Settings(rs.getLong("tenant_id"), RealGateway.valueOf(rs.getString("gateway"))))
                .list();
        for (Settings settings : outdated) {
            try {
                reseal(settings.tenantId(), settings.gateway());
            } catch (IllegalStateException e) {
                log.warn(
                        "The {} gateway secrets of tenant {} cannot be opened: {}",
                        settings.gateway(),
                        settings.tenantId(),
                        e.getMessage());
            }
        }
        if (!outdated.isEmpty()) {
            log.info(
                    "Sealed {} payment gateway settings again under gateway key version {}",
                    outdated.size(),
                    secrets.currentKeyVersion());
        }
    }

    private void reseal(long tenantId, RealGateway gateway) {
        Row row = row(tenantId, gateway).orElseThrow();
        Sealed secret =
                secrets.seal(open(tenantId, row, row.secretSealed(), "secret"), context(tenantId, gateway, "secret"));
        byte[] certificate = row.certificateSealed() == null
                ? null
                : secrets.seal(
                                open(tenantId, row, row.certificateSealed(), "certificate"),
                                context(tenantId, gateway, "certificate"))
                        .bytes();
        jdbc.sql("""
                        update scan_pay_gateway set key_version = :keyVersion, secret_sealed = :secret,
                                                    certificate_sealed = :certificate
                        where tenant_id = :tenantId and gateway = :gateway and key_version = :oldVersion
                        """)
                .param("keyVersion", secret.keyVersion())
                .param("secret", secret.bytes())
                .param("certificate", certificate)
                .param("tenantId", tenantId)
                .param("gateway", gateway.name())
                .param("oldVersion", row.keyVersion())
                .update();
    }

    private Optional<Row> row(long tenantId, RealGateway gateway) {
        return jdbc.sql("""
                        select enabled, app_id, merchant_id, sign_type, gateway_url, public_key, key_version,
                               secret_sealed, certificate_sealed, revision, updated_at
                        from scan_pay_gateway where tenant_id = :tenantId and gateway = :gateway
                        """)
                .param("tenantId", tenantId)
                .param("gateway", gateway.name())
                .query((rs, n) -> new Row(
                        gateway,
                        rs.getBoolean("enabled"),
                        rs.getString("app_id"),
                        rs.getString("merchant_id"),
                        rs.getString("sign_type"),
                        rs.getString("gateway_url"),
                        rs.getString("public_key"),
                        rs.getInt("key_version"),
                        rs.getBytes("secret_sealed"),
                        rs.getBytes("certificate_sealed"),
                        rs.getLong("revision"),
                        rs.getObject("updated_at", OffsetDateTime.class)))
                .optional();
    }

    private static GatewayView masked(Row row) {
        boolean wechat = row.gateway() == RealGateway.WECHAT;
        return new GatewayView(
                row.gateway().name(),
                row.gateway().wallet.paymentType().code(),
                true,
                row.enabled(),
                row.appId(),
                row.merchantId(),
                row.signType(),
                row.url(),
                wechat ? GatewayView.SET : null,
                wechat && row.certificateSealed() != null ? GatewayView.SET : null,
                wechat ? null : GatewayView.SET,
                row.publicKey(),
                row.updatedAt());
    }

    /** Binds a sealed value to its row and field: moved anywhere else it does not open. */
    private static String context(long tenantId, RealGateway gateway, String field) {
        return "scan_pay_gateway:" + tenantId + ":" + gateway.name() + ":" + field;
    }

    private static void notUsed(String field, String value) {
        if (value != null) {
            throw BusinessException.invalid(field, "error.gateway.notUsed");
        }
    }

    private static String checkPattern(String field, String value, Pattern pattern) {
        if (value == null || value.isBlank()) {
            throw BusinessException.invalid(field, "error.required");
        }
        if (!pattern.matcher(value).matches()) {
            throw BusinessException.invalid(field, "error.gateway." + field);
        }
        return value;
    }

    /**
     * An absolute address on one of the deployment's gateway hosts, over https; plain http only to
     * this machine (a simulator), since the payment codes and the signed requests travel over it.
     */
    private String checkedUrl(String given, RealGateway gateway) {
        String url = given == null ? gateway.defaultUrl : given.strip();
        try {
            URI uri = new URI(url);
            boolean https = "https".equals(uri.getScheme());
            boolean http = "http".equals(uri.getScheme());
            if (url.length() > LONGEST_URL
                    || uri.getHost() == null
                    || uri.getUserInfo() != null
                    || !gatewayHosts.contains(uri.getHost().toLowerCase(Locale.ROOT))
                    || !(https || (http && isLoopback(url)))) {
                throw BusinessException.invalid(
                        "gatewayUrl", "error.gateway.gatewayUrl", String.join(", ", gatewayHosts));
            }
            return url;
        } catch (URISyntaxException e) {
            throw BusinessException.invalid("gatewayUrl", "error.gateway.gatewayUrl", String.join(", ", gatewayHosts));
        }
    }

    private static boolean isLoopback(String url) {
        try {
            String host = new URI(url).getHost();
            if (host == null) {
                return false;
            }
            if ("localhost".equalsIgnoreCase(host)) {
                return true;
            }
            // a literal address only: a name is not looked up here
            boolean literal = host.matches("[0-9.]+") || host.startsWith("[");
            return literal
                    && InetAddress.getByName(host.replace("[", "").replace("]", ""))
                            .isLoopbackAddress();
        } catch (URISyntaxException | UnknownHostException e) {
            return false;
        }
    }

    /** WeChat's API certificate: base64 of {@code apiclient_cert.p12}, whose password is the merchant id. */
    private static String checkedCertificate(String base64, String merchantId) {
        String compact = base64.replaceAll("\\s", "");
        if (compact.length() > LONGEST_CERTIFICATE) {
            throw BusinessException.invalid("certificate", "error.gateway.certificate");
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(Base64.getDecoder().decode(compact)), merchantId.toCharArray());
            boolean hasKey = Collections.list(store.aliases()).stream().anyMatch(alias -> {
                try {
                    return store.isKeyEntry(alias);
                } catch (GeneralSecurityException e) {
                    return false;
                }
            });
            if (!hasKey) {
                throw BusinessException.invalid("certificate", "error.gateway.certificate");
            }
            return compact;
        } catch (IllegalArgumentException | GeneralSecurityException | java.io.IOException e) {
            throw BusinessException.invalid("certificate", "error.gateway.certificate");
        }
    }

    /** The application's RSA private key, PKCS#8 in base64 (PEM armour and line breaks are taken off). */
    private static String checkedPrivateKey(String key) {
        String compact = unarmoured(key);
        try {
            if (compact.length() > LONGEST_KEY) {
                throw new IllegalArgumentException("too long");
            }
            RSAPrivateKey parsed = (RSAPrivateKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(compact)));
            if (parsed.getModulus().bitLength() < SHORTEST_RSA_BITS) {
                throw new IllegalArgumentException("too short");
            }
            return compact;
        } catch (IllegalArgumentException | ClassCastException | GeneralSecurityException e) {
            throw BusinessException.invalid("privateKey", "error.gateway.privateKey");
        }
    }

    /** Alipay's RSA public key, X.509 in base64. */
    private static String checkedPublicKey(String key) {
        String compact = unarmoured(key);
        try {
            if (compact.length() > LONGEST_KEY) {
                throw new IllegalArgumentException("too long");
            }
            RSAPublicKey parsed = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(compact)));
            if (parsed.getModulus().bitLength() < SHORTEST_RSA_BITS
                    || parsed.getPublicExponent().compareTo(BigInteger.ONE) <= 0) {
                throw new IllegalArgumentException("weak");
            }
            return compact;
        } catch (IllegalArgumentException | ClassCastException | GeneralSecurityException e) {
            throw BusinessException.invalid("alipayPublicKey", "error.gateway.alipayPublicKey");
        }
    }

    private static String unarmoured(String key) {
        return key.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }
}
