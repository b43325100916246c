package com.membercard.scanpay;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.scanpay.PaymentGateway.StatementLine;
import com.membercard.shared.Money;
import com.membercard.support.Api;
import com.membercard.support.Fixtures;
import com.membercard.support.Fixtures.TenantFixture;
import com.membercard.support.IntegrationTest;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The day's statement of the sandbox held against our scan payments and refunds, with planted differences. */
@IntegrationTest
class GatewayReconciliationTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    SandboxGateway sandbox;

    @Autowired
    Clock clock;

    TenantFixture tenant;
    LocalDate today;

    @BeforeEach
    void freshTenant() {
        tenant = fixtures.tenant();
        today = LocalDate.now(clock.withZone(GatewayReconciliation.GATEWAY_ZONE));
    }

    private Api.Response pay(String rule, String order, String money) {
        return tenant.cashier()
                .post(
                        "/api/v1/scan-payments",
                        Map.of("payCode", "1345678901234567" + rule, "orderCode", order, "money", money));
    }

    private String gatewayOrderNo(String order) {
        return fixtures.jdbc()
                .sql(
                        "select gateway_order_no from scan_payment where tenant_id = ? and kind = 'PAY' and order_code = ?")
                .params(tenant.id(), order)
                .query(String.class)
                .single();
    }

    private JsonNode reconcile() {
        Api.Response report = tenant.admin().get("/api/v1/scan-payments/reconciliation?date=" + today);
        assertThat(report.http()).isEqualTo(200);
        JsonNode gateways = report.body().path("gateways");
        assertThat(gateways).hasSize(1);
        assertThat(gateways.get(0).path("gateway").asString()).isEqualTo("SANDBOX");
        return gateways.get(0);
    }

    @Test
    void aDayThatAgreesHasNoDifferencesAndTheSameTotalsOnBothSides() {
        String order = Fixtures.unique("rc");
        assertThat(pay("00", order, "10.00").status()).isEqualTo(200);
        assertThat(tenant.cashier()
                        .post("/api/v1/scan-payments/refund", Map.of("orderCode", order, "money", "3.00"))
                        .status())
                .isEqualTo(200);
        assertThat(pay("01", Fixtures.unique("rc"), "4.00").status()).isEqualTo(702);

        JsonNode day = reconcile();

        assertThat(day.path("differences")).isEmpty();
        assertThat(day.path("openAttempts").asInt()).isZero();
        assertThat(day.path("ours")).isEqualTo(day.path("theirs"));
        assertThat(day.path("ours").path("payments").asInt()).isEqualTo(1);
        assertThat(day.path("ours").path("paid").decimalValue()).isEqualByComparingTo("10.00");
        assertThat(day.path("theirs").path("refunded").decimalValue()).isEqualByComparingTo("3.00");
    }

    @Test
    void plantedDifferencesAreEachListedOnce() {
        String agreed = Fixtures.unique("rc");
        assertThat(pay("00", agreed, "1.00").status()).isEqualTo(200);
        String missingThere = Fixtures.unique("rc");
        assertThat(pay("00", missingThere, "2.00").status()).isEqualTo(200);
        String otherAmount = Fixtures.unique("rc");
        assertThat(pay("00", otherAmount, "3.00").status()).isEqualTo(200);
        String unknownHere = Fixtures.unique("rc");
        assertThat(pay("04", unknownHere, "4.00").status()).isEqualTo(703);

        sandbox.leaveOut(gatewayOrderNo(missingThere));
        sandbox.plant(today, new StatementLine(gatewayOrderNo(otherAmount), null, "T1", Money.of("0.50")));
        String strangerNo = "P" + tenant.id() + "XNEVERHERE";
        sandbox.plant(today, new StatementLine(strangerNo, null, "T2", Money.of("8.88")));

        JsonNode day = reconcile();
        assertThat(day.path("openAttempts").asInt()).isEqualTo(1); // the unknown one, the janitor's to settle
        JsonNode differences = day.path("differences");

        assertThat(differences).hasSize(4);
        JsonNode notThere = find(differences, gatewayOrderNo(missingThere));
        assertThat(notThere.path("difference").asString()).isEqualTo("MISSING_AT_GATEWAY");
        assertThat(notThere.path("orderCode").asString()).isEqualTo(missingThere);
        assertThat(notThere.path("ourMoney").decimalValue()).isEqualByComparingTo("2.00");
        JsonNode differs = find(differences, gatewayOrderNo(otherAmount));
        assertThat(differs.path("difference").asString()).isEqualTo("AMOUNT_DIFFERS");
        assertThat(differs.path("gatewayMoney").decimalValue()).isEqualByComparingTo("3.50");
        JsonNode unknown = find(differences, gatewayOrderNo(unknownHere));
        assertThat(unknown.path("difference").asString()).isEqualTo("MISSING_HERE");
        assertThat(unknown.path("ourStatus").asInt()).isEqualTo(703);
        JsonNode stranger = find(differences, strangerNo);
        assertThat(stranger.path("difference").asString()).isEqualTo("MISSING_HERE");
        assertThat(stranger.path("orderCode").isNull()).isTrue();
    }

    @Test
    void aGatewayWhoseStatementCannotBeDownloadedIsSaidSoAndTheOthersStand() {
        Api.Response configured = tenant.admin()
                .put(
                        "/api/v1/payment-gateways/WECHAT",
                        Map.of(
                                "enabled", false,
                                "appId", "wx2421b1c4370ec43b",
                                "merchantId", "10000100",
                                "merchantKey", "reconcilereconcilereconcile12345",
                                "gatewayUrl", "http://127.0.0.1:9"));
        assertThat(configured.status()).as(configured.toString()).isEqualTo(200);
        String order = Fixtures.unique("rc");
        assertThat(pay("00", order, "6.00").status()).isEqualTo(200);

        Api.Response report = tenant.admin().get("/api/v1/scan-payments/reconciliation?date=" + today);

        assertThat(report.http()).isEqualTo(200);
        JsonNode wechat = null;
        JsonNode sandboxDay = null;
        for (JsonNode day : report.body().path("gateways")) {
            if (day.path("gateway").asString().equals("WECHAT")) {
                wechat = day;
            } else if (day.path("gateway").asString().equals("SANDBOX")) {
                sandboxDay = day;
            }
        }
        assertThat(wechat).isNotNull();
        assertThat(wechat.path("statementError").asString()).isNotBlank();
        assertThat(wechat.path("theirs").isNull()).isTrue();
        assertThat(sandboxDay).isNotNull();
        assertThat(sandboxDay.path("statementError").isNull()).isTrue();
        assertThat(sandboxDay.path("differences")).isEmpty();
        assertThat(sandboxDay.path("theirs").path("paid").decimalValue()).isEqualByComparingTo("6.00");
    }

    @Test
    void badInputIsRefusedWithItsCode() {
        Api admin = tenant.admin();
        Api.Response notConfigured =
                admin.get("/api/v1/scan-payments/reconciliation?date=" + today + "&gateway=ALIPAY");
        assertThat(notConfigured.status()).isEqualTo(450);
        Api.Response badDate = admin.get("/api/v1/scan-payments/reconciliation?date=2026-13-01");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.message()).contains("date");
        Api.Response noDate = admin.get("/api/v1/scan-payments/reconciliation");
        assertThat(noDate.status()).isEqualTo(400);
        assertThat(noDate.message()).contains("date");
        assertThat(tenant.cashier()
                        .get("/api/v1/scan-payments/reconciliation?date=" + today)
                        .http())
                .isEqualTo(403);
    }

    private static JsonNode find(JsonNode differences, String gatewayOrderNo) {
        for (JsonNode difference : differences) {
            if (gatewayOrderNo.equals(difference.path("gatewayOrderNo").asString())) {
                return difference;
            }
        }
        throw new AssertionError("no difference for " + gatewayOrderNo + " in " + differences);
    }
}
