package com.membercard.scanpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.membercard.scanpay.alipay.AlipaySimulator;
import com.membercard.scanpay.wechat.WechatPaySimulator;
import com.membercard.shared.BusinessCode;
import com.membercard.shared.BusinessException;
import com.membercard.support.Api;
import com.membercard.support.Fixtures;
import com.membercard.support.Fixtures.TenantFixture;
import com.membercard.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A tenant's real gateways through HTTP: configured by its administrator (secrets masked in every
 * answer, sealed at rest, in no log line, out of other tenants' reach), then op25 and op28 going
 * through the WeChat Pay and Alipay simulators, and the rules around them (455, op15).
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ScanPayGatewaysApiTest {

    static final String WECHAT_APP = "wx2421b1c4370ec43b";
    static final String MERCHANT = "10000100";
    static final String WECHAT_KEY = "Kq7vN2pX9sLw4RtY6uZa3bCd5eFg8hJm";
    static final String ALIPAY_APP = "2021000117600001";
    private static final AtomicLong CODES = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    static WechatPaySimulator wechat;
    static AlipaySimulator alipay;
    static KeyPair application;
    static KeyPair alipayKeys;

    @Autowired
    Fixtures fixtures;

    @Autowired
    Gateways gateways;

    @Autowired
    GatewaySettings settings;

    @Autowired
    SandboxGateway sandbox;

    @Autowired
    ScanPayJanitor janitor;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEventPublisher events;

    @Value("${membercard.data-dir}")
    Path dataDir;

    TenantFixture tenant;

    @BeforeAll
    static void simulators() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        application = rsa.generateKeyPair();
        alipayKeys = rsa.generateKeyPair();
        wechat = new WechatPaySimulator(WECHAT_APP, MERCHANT, WECHAT_KEY, "MD5");
        alipay = new AlipaySimulator(ALIPAY_APP, application.getPublic(), alipayKeys, rsa.generateKeyPair());
    }

    @AfterAll
    static void stopSimulators() {
        wechat.close();
        alipay.close();
    }

    @BeforeEach
    void freshTenant() {
        tenant = fixtures.tenant();
    }

    static String privateKey() {
        return Base64.getEncoder().encodeToString(application.getPrivate().getEncoded());
    }

    static Map<String, Object> wechatSettings() {
        return new HashMap<>(Map.of(
                "enabled", true,
                "appId", WECHAT_APP,
                "merchantId", MERCHANT,
                "merchantKey", WECHAT_KEY,
                "gatewayUrl", wechat.url()));
    }

    static Map<String, Object> alipaySettings() {
        return new HashMap<>(Map.of(
                "enabled", true,
                "appId", ALIPAY_APP,
                "privateKey", privateKey(),
                "alipayPublicKey",
                        Base64.getEncoder()
                                .encodeToString(alipayKeys.getPublic().getEncoded()),
                "gatewayUrl", alipay.url()));
    }

    private static String wechatCode() {
        return "13" + String.format("%016d", CODES.incrementAndGet());
    }

    private static String alipayCode() {
        return "28" + String.format("%016d", CODES.incrementAndGet());
    }

    private Api.Response pay(String payCode, String orderCode, String money) {
        return tenant.cashier()
                .post("/api/v1/scan-payments", Map.of("payCode", payCode, "orderCode", orderCode, "money", money));
    }

    private Api.Response query(String orderCode) {
        return tenant.cashier().post("/api/v1/scan-payments/" + orderCode + "/query", Map.of());
    }

    /** The attempt's gateway and our order number there. */
    private String[] attempt(String orderCode) {
        return fixtures.jdbc()
                .sql("select gateway, gateway_order_no from scan_payment where tenant_id = ? and order_code = ?"
                        + " order by id desc limit 1")
                .params(tenant.id(), orderCode)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .single();
    }

    @Test
    void aWechatPaymentGoesThroughTheTenantsWechatGatewayAndOp28AsksIt(CapturedOutput output) {
        Api.Response configured = tenant.admin().put("/api/v1/payment-gateways/WECHAT", wechatSettings());
        assertThat(configured.status()).as("%s", configured).isEqualTo(200);
        assertThat(configured.data().path("merchantKey").asString()).isEqualTo("set");

        String payCode = wechatCode();
        String order = Fixtures.unique("wx");
        Api.Response paid = pay(payCode, order, "35.50");

        assertThat(paid.status()).as("%s", paid).isEqualTo(200);
        assertThat(paid.data().path("paymentType").asInt()).isEqualTo(3);
        assertThat(paid.data().path("timestamp").asString()).startsWith("42000");
        String[] attempt = attempt(order);
        assertThat(attempt[0]).isEqualTo("WECHAT");
        assertThat(wechat.stateOf(attempt[1])).isEqualTo("SUCCESS");
        assertThat(query(order).status()).isEqualTo(701);
        assertThat(output.getAll()).doesNotContain(WECHAT_KEY).doesNotContain(payCode);
    }

    @Test
    void aWechatCustomerConfirmingOnThePhoneIsPolledAndASystemErrorIsSettledByOp28() {
        tenant.admin().put("/api/v1/payment-gateways/WECHAT", wechatSettings());

        String confirming = wechatCode();
        wechat.willAnswer(confirming, WechatPaySimulator.Behaviour.PAYING_THEN_PAID);
        assertThat(pay(confirming, Fixtures.unique("wx"), "3.00").status()).isEqualTo(200);

        String lost = wechatCode();
        wechat.willAnswer(lost, WechatPaySimulator.Behaviour.SYSTEM_ERROR_CHARGED);
        String order = Fixtures.unique("wx");
        assertThat(pay(lost, order, "4.00").status()).isEqualTo(703);
        assertThat(query(order).status()).isEqualTo(701);

        String neverThere = wechatCode();
        wechat.willAnswer(neverThere, WechatPaySimulator.Behaviour.SYSTEM_ERROR);
        String failed = Fixtures.unique("wx");
        assertThat(pay(neverThere, failed, "4.00").status()).isEqualTo(703);
        sleepPastTheBudget();
        // past the budget an order WeChat never had is reversed there, then failed
        assertThat(query(failed).status()).isEqualTo(702);
    }

    @Test
    void aRefusedWechatCodeIs702AndAnExpiredOne704() {
        tenant.admin().put("/api/v1/payment-gateways/WECHAT", wechatSettings());
        String refused = wechatCode();
        wechat.willAnswer(refused, WechatPaySimulator.Behaviour.REFUSED);
        String expired = wechatCode();
        wechat.willAnswer(expired, WechatPaySimulator.Behaviour.CODE_EXPIRED);

        assertThat(pay(refused, Fixtures.unique("wx"), "1.00").status()).isEqualTo(702);
        assertThat(pay(expired, Fixtures.unique("wx"), "1.00").status()).isEqualTo(704);
    }

    @Test
    void anAlipayPaymentGoesThroughTheTenantsAlipayGatewayAndOp28AsksIt(CapturedOutput output) {
        Api.Response configured = tenant.admin().put("/api/v1/payment-gateways/ALIPAY", alipaySettings());
        assertThat(configured.status()).as("%s", configured).isEqualTo(200);
        assertThat(configured.data().path("privateKey").asString()).isEqualTo("set");

        String payCode = alipayCode();
        String order = Fixtures.unique("ali");
        Api.Response paid = pay(payCode, order, "12.00");
        assertThat(paid.status()).as("%s", paid).isEqualTo(200);
        assertThat(paid.data().path("paymentType").asInt()).isEqualTo(4);
        assertThat(attempt(order)[0]).isEqualTo("ALIPAY");
        assertThat(alipay.statusOf(attempt(order)[1])).isEqualTo("TRADE_SUCCESS");
        assertThat(query(order).status()).isEqualTo(701);

        String waiting = alipayCode();
        alipay.willAnswer(waiting, AlipaySimulator.Behaviour.PAYING_FOREVER);
        String timedOut = Fixtures.unique("ali");
        assertThat(pay(waiting, timedOut, "2.00").status()).isEqualTo(1003);
        assertThat(alipay.statusOf(attempt(timedOut)[1])).isEqualTo("TRADE_CLOSED");

        assertThat(output.getAll())
                .doesNotContain(privateKey().substring(100, 160))
                .doesNotContain(payCode);
    }

    @Test
    void onceARealGatewayIsEnabledAWalletWithoutOneIsRefused455AndNotSentToTheSandbox() {
        String before = Fixtures.unique("up");
        assertThat(pay("6212345678901234500", before, "1.00").status()).isEqualTo(200);

        tenant.admin().put("/api/v1/payment-gateways/WECHAT", wechatSettings());
        String order = Fixtures.unique("up");
        Api.Response refused = pay("6212345678901234500", order, "1.00");

        assertThat(refused.status()).isEqualTo(455);
        assertThat(fixtures.jdbc()
                        .sql("select count(*) from scan_payment where tenant_id = ? and order_code = ?")
                        .params(tenant.id(), order)
                        .query(Long.class)
                        .single())
                .isZero();

        Map<String, Object> disabled = wechatSettings();
        disabled.put("enabled", false);
        disabled.remove("merchantKey"); // kept as stored
        assertThat(tenant.admin()
                        .put("/api/v1/payment-gateways/WECHAT", disabled)
                        .status())
                .isEqualTo(200);
        assertThat(pay("6212345678901234500", Fixtures.unique("up"), "1.00").status())
                .isEqualTo(200);
    }

    @Test
    void op15IsTrueOnceSwitchedOnWithAGatewayToTakeThePayments() {
        assertThat(tenant.cashier().get("/api/v1/settings/scan-pay-enabled").raw())
                .isEqualTo("false");
        tenant.admin().put("/api/v1/settings/scan-pay-enabled", "true");
        assertThat(tenant.cashier().get("/api/v1/settings/scan-pay-enabled").raw())
                .isEqualTo("true");
    }

    @Test
    void secretsAreMaskedForAdministratorsAndAuditorsSealedAtRestAndCashiersCannotRead() {
        tenant.admin().put("/api/v1/payment-gateways/WECHAT", wechatSettings());
        tenant.admin().put("/api/v1/payment-gateways/ALIPAY", alipaySettings());

        String adminView = tenant.admin().get("/api/v1/payment-gateways").raw();
        String auditorView =
                tenant.auditor().get("/api/v1/payment-gateways/wechat").raw();
        assertThat(adminView).contains("\"merchantKey\":\"set\"").contains("\"privateKey\":\"set\"");
        assertThat(adminView + auditorView)
                .doesNotContain(WECHAT_KEY)
                .doesNotContain(WECHAT_KEY.substring(28))
                .doesNotContain(privateKey().substring(100, 160));
        assertThat(auditorView).contains("\"merchantId\":\"" + MERCHANT + "\"");
        assertThat(tenant.cashier().get("/api/v1/payment-gateways").http()).isEqualTo(403);
        assertThat(tenant.auditor()
                        .put("/api/v1/payment-gateways/WECHAT", wechatSettings())
                        .http())
                .isEqualTo(403);

        byte[] sealed = fixtures.jdbc()
                .sql("select secret_sealed from scan_pay_gateway where tenant_id = ? and gateway = 'WECHAT'")
                .params(tenant.id())
                .query(byte[].class)
                .single();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(WECHAT_KEY);

        String log = tenant.admin()
                .get("/api/v1/security-events?kind=PAYMENT_GATEWAY_CHANGED")
                .raw();
        assertThat(log)
                .contains("PAYMENT_GATEWAY_CHANGED")
                .contains("new merchantKey")
                .doesNotContain(WECHAT_KEY);
    }

    @Test
    void anotherTenantNeitherSeesNorChangesTheGatewaysAndItsPaymentsStayOnTheSandbox() {
        tenant.admin().put("/api/v1/payment-gateways/WECHAT", wechatSettings());
        TenantFixture other = fixtures.tenant();

        String othersView = other.admin().get("/api/v1/payment-gateways/WECHAT").raw();
        assertThat(othersView).contains("\"configured\":false").doesNotContain(MERCHANT);
        Map<String, Object> hijack = wechatSettings();
        hijack.put("merchantId", "99999999");
        assertThat(other.admin().put("/api/v1/payment-gateways/WECHAT", hijack).status())
                .isEqualTo(200);

        assertThat(tenant.admin().get("/api/v1/payment-gateways/WECHAT").raw()).contains(MERCHANT);
        Api.Response othersPayment = other.cashier()
                .post(
                        "/api/v1/scan-payments",
                        Map.of("payCode", wechatCode(), "orderCode", Fixtures.unique("o"), "money", "1.00"));
        // the other tenant's merchant 99999999 is not the simulator's: WeChat refuses its signature
        assertThat(othersPayment.status()).isEqualTo(702);
    }

    /** A PKCS12 API certificate as WeChat hands one out (its password the merchant id), made by keytool. */
    private static String certificate() throws Exception {
        Path dir = Files.createTempDirectory("wxcert");
        Path p12 = dir.resolve("apiclient_cert.p12");
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "wx",
                        "-keyalg",
                        "RSA",
                        "-keysize",
                        "2048",
                        "-validity",
                        "30",
                        "-dname",
                        "CN=" + MERCHANT,
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        p12.toString(),
                        "-storepass",
                        MERCHANT,
                        "-keypass",
                        MERCHANT)
                .redirectErrorStream(true)
                .start();
        assertThat(keytool.waitFor()).isZero();
        return Base64.getEncoder().encodeToString(Files.readAllBytes(p12));
    }

    @Test
    void withItsApiCertificateAWechatPaymentLeftPayingIsReversedThroughTheCertificatesClient() throws Exception {
        Map<String, Object> settings = wechatSettings();
        settings.put("certificate", certificate());
        Api.Response configured = tenant.admin().put("/api/v1/payment-gateways/WECHAT", settings);
        assertThat(configured.status()).as("%s", configured).isEqualTo(200);
        assertThat(configured.data().path("certificate").asString()).isEqualTo("set");

        String waiting = wechatCode();
        wechat.willAnswer(waiting, WechatPaySimulator.Behaviour.PAYING_FOREVER);
        String order = Fixtures.unique("wx");
        assertThat(pay(waiting, order, "7.00").status()).isEqualTo(1003);
        assertThat(wechat.stateOf(attempt(order)[1])).isEqualTo("REVOKED");

        // the real WeChat Pay takes it too, now that the certificate is there (kept when left out)
        Map<String, Object> real = wechatSettings();
        real.remove("gatewayUrl");
        real.remove("merchantKey");
        real.put("enabled", false);
        Api.Response toReal = tenant.admin().put("/api/v1/payment-gateways/WECHAT", real);
        assertThat(toReal.status()).as("%s", toReal).isEqualTo(200);
        assertThat(toReal.data().path("gatewayUrl").asString()).isEqualTo("https://api.mch.weixin.qq.com");
    }

    @Test
    void theJanitorSettlesAnUnknownWechatPaymentByAskingWechat() {
        tenant.admin().put("/api/v1/payment-gateways/WECHAT", wechatSettings());
        String lost = wechatCode();
        wechat.willAnswer(lost, WechatPaySimulator.Behaviour.SYSTEM_ERROR_CHARGED);
        String order = Fixtures.unique("wx");
        assertThat(pay(lost, order, "9.00").status()).isEqualTo(703);

        janitor.run();

        List<Integer> outcomes =
                jdbc.sql("""
                        select o.status from scan_payment_outcome o
                        join scan_payment p on p.tenant_id = o.tenant_id and p.id = o.scan_payment_id
                        where p.tenant_id = ? and p.order_code = ? order by o.id""").params(tenant.id(), order).query(Integer.class).list();
        assertThat(outcomes).containsExactly(703, 701);
    }

    @Test
    void changedSettingsTakeEffectAtTheNextPayment() {
        Map<String, Object> wrongKey = wechatSettings();
        wrongKey.put("merchantKey", "X" + WECHAT_KEY.substring(1));
        tenant.admin().put("/api/v1/payment-gateways/WECHAT", wrongKey);
        assertThat(pay(wechatCode(), Fixtures.unique("wx"), "1.00").status()).isEqualTo(702);

        tenant.admin().put("/api/v1/payment-gateways/WECHAT", wechatSettings());
        assertThat(pay(wechatCode(), Fixtures.unique("wx"), "1.00").status()).isEqualTo(200);
    }

    @Test
    void aDeploymentWithoutTheSandboxRefusesATenantWithoutGateways455AndOp15SaysSo() {
        Gateways withoutSandbox = new Gateways(sandbox, settings, false, Duration.ofSeconds(1), Duration.ofSeconds(1));

        assertThat(withoutSandbox.anyUsable(tenant.id())).isFalse();
        assertThatThrownBy(() -> withoutSandbox.current(tenant.id(), Wallet.WECHAT))
                .isInstanceOfSatisfying(
                        BusinessException.class, e -> assertThat(e.code()).isEqualTo(BusinessCode.NO_PAYMENT_GATEWAY));

        tenant.admin().put("/api/v1/payment-gateways/WECHAT", wechatSettings());
        assertThat(withoutSandbox.anyUsable(tenant.id())).isTrue();
        assertThat(withoutSandbox.current(tenant.id(), Wallet.WECHAT)).isEqualTo("WECHAT");
        assertThatThrownBy(() -> withoutSandbox.current(tenant.id(), Wallet.UNIONPAY))
                .isInstanceOf(BusinessException.class);
    }

    @Test
    void configuredNamesAreTheGatewaysWithSettingsAndTheSandboxWhileTheTenantPaysThroughIt() {
        assertThat(gateways.configuredNames(tenant.id())).containsExactly("SANDBOX");
        tenant.admin().put("/api/v1/payment-gateways/ALIPAY", alipaySettings());
        assertThat(gateways.configuredNames(tenant.id())).containsExactly("ALIPAY");

        Map<String, Object> disabled = alipaySettings();
        disabled.put("enabled", false);
        tenant.admin().put("/api/v1/payment-gateways/ALIPAY", disabled);
        assertThat(gateways.configuredNames(tenant.id())).containsExactly("ALIPAY", "SANDBOX");
    }

    @Test
    void aRotatedGatewayKeySealsEverySecretAgainAtStartUpAndTheyStillWork() throws Exception {
        tenant.admin().put("/api/v1/payment-gateways/WECHAT", wechatSettings());
        String serviceKey =
                Files.readString(dataDir.resolve("gateway-secret.key")).strip();
        String newKey = Base64.getEncoder().encodeToString("a-new-gateway-key-of-32-bytes!!!".getBytes());
        GatewaySettings rotated = new GatewaySettings(
                jdbc,
                new GatewaySecrets(new GatewayKeyProperties(newKey, 2, "1:" + serviceKey, dataDir)),
                events,
                "127.0.0.1");
        GatewaySettings back = new GatewaySettings(
                jdbc,
                new GatewaySecrets(new GatewayKeyProperties(serviceKey, 1, "2:" + newKey, dataDir)),
                events,
                "127.0.0.1");
        try {
            rotated.resealUnderCurrentKey();
            assertThat(keyVersion()).isEqualTo(2);
            assertThat(rotated.credentials(tenant.id(), RealGateway.WECHAT)
                            .orElseThrow()
                            .secret())
                    .isEqualTo(WECHAT_KEY);
        } finally {
            // the service under test still has only the first key: seal everything back under it
            back.resealUnderCurrentKey();
        }
        assertThat(keyVersion()).isEqualTo(1);
        assertThat(pay(wechatCode(), Fixtures.unique("wx"), "1.00").status()).isEqualTo(200);
    }

    private int keyVersion() {
        return jdbc.sql("select key_version from scan_pay_gateway where tenant_id = ? and gateway = 'WECHAT'")
                .params(tenant.id())
                .query(Integer.class)
                .single();
    }

    @Test
    void everyWrongFieldIsA400NamingItAndChangesNothing(CapturedOutput output) {
        assertBadField("WECHAT", "merchantKey", "short");
        assertBadField("WECHAT", "merchantId", "10-000");
        assertBadField("WECHAT", "appId", "wx 1");
        assertBadField("WECHAT", "signType", "SHA1");
        assertBadField("WECHAT", "gatewayUrl", "http://pay.example.com");
        assertBadField("WECHAT", "gatewayUrl", "ftp://127.0.0.1/");
        // a host the deployment does not list, even over https: no tenant aims the service elsewhere
        assertBadField("WECHAT", "gatewayUrl", "https://internal.example.com/pay");
        assertBadField("ALIPAY", "gatewayUrl", "https://10.0.0.8/gateway.do");
        assertBadField("WECHAT", "certificate", "bm90IGEgY2VydGlmaWNhdGU=");
        assertBadField("WECHAT", "privateKey", privateKey());
        // the real WeChat Pay needs the API certificate for reverses and refunds
        assertBadField("WECHAT", "certificate", null, "gatewayUrl", "https://api.mch.weixin.qq.com");
        assertBadField("WECHAT", "merchantKey", null, "merchantKey", null);
        assertBadField("WECHAT", "enabled", null, "enabled", null);
        assertBadField("ALIPAY", "privateKey", "MIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7");
        assertBadField("ALIPAY", "alipayPublicKey", "not-a-key");
        assertBadField("ALIPAY", "appId", "wx2421b1c4370ec43b");
        assertBadField("ALIPAY", "merchantKey", WECHAT_KEY);

        Api.Response unknown = tenant.admin().put("/api/v1/payment-gateways/UNIONPAY", wechatSettings());
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.data().path("field").asString()).isEqualTo("gateway");
        assertThat(tenant.admin().get("/api/v1/payment-gateways").raw()).doesNotContain("\"configured\":true");
        assertThat(output.getAll())
                .doesNotContain(WECHAT_KEY)
                .doesNotContain(privateKey().substring(100, 160));
    }

    private void assertBadField(String gateway, String field, String value) {
        assertBadField(gateway, field, value, field, value);
    }

    private void assertBadField(String gateway, String expectedField, String ignored, String field, String value) {
        Map<String, Object> body = gateway.equals("WECHAT") ? wechatSettings() : alipaySettings();
        body.remove(field);
        if (value != null) {
            body.put(field, value);
        }
        Api.Response answer = tenant.admin().inEnglish().put("/api/v1/payment-gateways/" + gateway, body);
        assertThat(answer.status()).as("%s %s: %s", gateway, field, answer).isEqualTo(400);
        assertThat(answer.data().path("field").asString()).isEqualTo(expectedField);
        assertThat(answer.message()).doesNotContain(WECHAT_KEY);
    }

    private static void sleepPastTheBudget() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
