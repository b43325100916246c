package com.membercard.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Builds what a test needs through the HTTP API, as a user would: a fresh tenant with its
 * administrator, a cashier key, an auditor key and a shop. Names are unique, so tests never see
 * each other's data.
 */
public final class Fixtures {

    public static final String PLATFORM_ADMIN = "platform";
    public static final String PLATFORM_PASSWORD = "platform-password";
    /** The card secret key of version 1, rotated out in the integration tests' service. */
    public static final String PREVIOUS_SECRET_KEY = "cHJldmlvdXMta2V5LW9mLTMyLWJ5dGVzLWZvci10ZXN0";
    /** The environment that makes a service started as a process ({@link ServiceProcess}) create that administrator. */
    public static final Map<String, String> PLATFORM_ADMIN_ENVIRONMENT = Map.of(
            "MEMBERCARD_ADMIN_USERNAME", PLATFORM_ADMIN,
            "MEMBERCARD_ADMIN_PASSWORD", PLATFORM_PASSWORD);

    /** Failed sign-ins one client address may have within 15 minutes in the integration tests. */
    public static final int ADDRESS_MAX_FAILURES = 200;

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final Api anonymous;
    private final JdbcClient jdbc;
    private final LongFunction<JdbcClient> nodes;
    private String platformToken;

    Fixtures(Api anonymous, JdbcClient jdbc) {
        this(anonymous, jdbc, tenantId -> jdbc);
    }

    Fixtures(Api anonymous, JdbcClient jdbc, LongFunction<JdbcClient> nodes) {
        this.anonymous = anonymous;
        this.jdbc = jdbc;
        this.nodes = nodes;
    }

    /** Fixtures for a service started outside the Spring test context (property tests, crash tests). */
    public static Fixtures on(String baseUrl, JdbcClient jdbc) {
        return on(Api.at(baseUrl), jdbc);
    }

    /** The same, every client made from {@code anonymous} (with its timeout, say). */
    public static Fixtures on(Api anonymous, JdbcClient jdbc) {
        return new Fixtures(anonymous, jdbc);
    }

    public record TenantFixture(long id, Api admin, Api cashier, Api auditor, long shopId, String adminUsername) {}

    public Api anonymous() {
        return anonymous;
    }

    /** The service's own DataSource: in the sharded topology, ShardingSphere's, which routes by tenant. */
    public JdbcClient jdbc() {
        return jdbc;
    }

    /**
     * Straight on the node that holds the tenant's rows, past any routing: for a test that inspects
     * rows with SQL the service itself never runs (whole-row digests, the catalogue). In the
     * single-node topology, the one database.
     */
    public JdbcClient nodeOf(long tenantId) {
        return nodes.apply(tenantId);
    }

    public synchronized Api platform() {
        if (platformToken == null) {
            platformToken = login(PLATFORM_ADMIN, PLATFORM_PASSWORD);
        }
        return anonymous.as(platformToken);
    }

    /** Any gift money without a plan, secrets of the default length. */
    public static final Map<String, Object> GENEROUS_CARD_POLICY =
            Map.of("minSecretLength", 8, "giftWithoutPlan", true, "giftWithoutPlanCap", "99999999.99");

    public static String unique(String prefix) {
        return prefix + SEQUENCE.incrementAndGet() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    public String login(String username, String password) {
        Api.Response response =
                anonymous.post("/api/v1/auth/login", Map.of("username", username, "password", password));
        assertThat(response.status()).as("login of %s: %s", username, response).isEqualTo(200);
        return response.data().path("token").asString();
    }

    /** A tenant with everything a till and a manager need. */
    public TenantFixture tenant() {
        String adminUsername = unique("boss");
        Api.Response created = platform()
                .post(
                        "/api/v1/tenants",
                        Map.of("name", unique("商户"), "adminUsername", adminUsername, "adminPassword", "secret-123"));
        assertThat(created.status()).as("create tenant: %s", created).isEqualTo(200);
        long tenantId = created.data().path("id").asLong();
        Api admin = anonymous.as(login(adminUsername, "secret-123"));
        long shopId = createdId(admin.post("/api/v1/shops", Map.of("name", unique("门店"))));
        // the tests' tills give gift money without a plan, as POS tills did before card policies;
        // CardPolicyTest starts from a tenant's default instead
        Api.Response policy = admin.put("/api/v1/settings/card-policy", GENEROUS_CARD_POLICY);
        assertThat(policy.status()).as("card policy: %s", policy).isEqualTo(200);
        Api cashier = anonymous.as(apiKey(admin, "CASHIER", shopId));
        Api auditor = anonymous.as(apiKey(admin, "AUDITOR", null));
        return new TenantFixture(tenantId, admin, cashier, auditor, shopId, adminUsername);
    }

    public static String apiKey(Api admin, String role, Long shopId) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", unique("key"), "role", role));
        if (shopId != null) {
            body.put("shopId", shopId);
        }
        Api.Response response = admin.post("/api/v1/api-keys", body);
        assertThat(response.status()).as("create key: %s", response).isEqualTo(200);
        return response.data().path("key").asString();
    }

    /** The id in {@code data} of a successful create. */
    public static long createdId(Api.Response response) {
        assertThat(response.status()).as("create: %s", response).isEqualTo(200);
        return response.data().asLong();
    }

    /** The catalogue a member needs: a level, a card class and two tags. */
    public record Catalogue(long levelId, long classId, long tagA, long tagB) {}

    public static Catalogue catalogue(TenantFixture tenant) {
        return new Catalogue(
                createdId(tenant.admin()
                        .post("/api/v1/member-levels", Map.of("name", "金卡会员", "level", 3, "discount", "0.88"))),
                createdId(tenant.admin().post("/api/v1/card-classes", cardClass("储值金卡"))),
                createdId(tenant.admin().post("/api/v1/member-tags", Map.of("name", unique("咖啡")))),
                createdId(tenant.admin().post("/api/v1/member-tags", Map.of("name", unique("甜点")))));
    }

    /** A valid op19 body: a unique card code, secret and phone; {@code overrides} replace fields. */
    public static Map<String, Object> member(Catalogue catalogue, Object... overrides) {
        Map<String, Object> body = new java.util.HashMap<>();
        int n = SEQUENCE.incrementAndGet();
        body.put("name", "张伟" + n);
        body.put("sex", 1);
        body.put("birthday", "1990-05-01 00:00:00");
        body.put(
                "phone",
                "139" + String.format("%08d", Math.abs(UUID.randomUUID().hashCode()) % 100_000_000));
        body.put("memberLevelId", catalogue.levelId());
        body.put("memberTagIds", java.util.List.of(catalogue.tagA()));
        body.put("cardCode", "C" + n + UUID.randomUUID().toString().substring(0, 6));
        body.put("cardMac", "mac-" + UUID.randomUUID());
        body.put("cardClassId", catalogue.classId());
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                body.remove((String) overrides[i]);
            } else {
                body.put((String) overrides[i], overrides[i + 1]);
            }
        }
        return body;
    }

    /** op29 with one cash detail and a fresh serial. */
    public static Api.Response recharge(Api till, String cardCode, String mac, String pay, String give) {
        return recharge(till, cardCode, mac, pay, give, unique("RC"), null);
    }

    /** op29 with one cash detail, serial {@code serial} and, unless null, {@code remark} (the bill keeps it). */
    public static Api.Response recharge(
            Api till, String cardCode, String mac, String pay, String give, String serial, String remark) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "cardCode",
                cardCode,
                "mac",
                mac,
                "payMoney",
                pay,
                "giveMoney",
                give,
                "details",
                java.util.List.of(Map.of("paymentType", 1, "money", pay)),
                "timestamp",
                serial));
        if (remark != null) {
            body.put("remark", remark);
        }
        return till.post("/api/v1/recharges", body);
    }

    public static Map<String, Object> cardClass(String name) {
        return Map.of(
                "name",
                name,
                "cardType",
                1,
                "canRecharge",
                true,
                "canMemberPrice",
                true,
                "canDiscount",
                true,
                "canPoint",
                true,
                "pointsBasic",
                1,
                "pointsToOne",
                100,
                "pointsValidDays",
                365);
    }

    public static Map<String, Object> memberLevel(String name) {
        return Map.of("name", name, "level", 1, "discount", "0.9");
    }

    public static Map<String, Object> memberTag(String name) {
        return Map.of("name", name);
    }

    public static Map<String, Object> gift(String name) {
        return Map.of("name", name, "points", 100, "price", "9.90", "stock", 10);
    }

    public static Map<String, Object> rechargePlan(String name) {
        return Map.of("name", name, "money", "120.00", "payMoney", "100.00", "giveMoney", "20.00");
    }

    public static Map<String, Object> shop(String name) {
        return Map.of("name", name);
    }

    public static Map<String, Object> operator(String username) {
        return Map.of("username", username, "password", "secret-123", "name", "收银员", "role", "CASHIER");
    }

    public static Map<String, Object> apiKeyBody(String name) {
        return Map.of("name", name, "role", "CASHIER");
    }
}
