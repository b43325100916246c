package com.membercard.scanpay;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.support.Api;
import com.membercard.support.Fixtures;
import com.membercard.support.Fixtures.TenantFixture;
import com.membercard.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** op25 scan pay and op28 query through the sandbox gateway, and the janitor. */
@IntegrationTest
class ScanPayApiTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    ScanPayJanitor janitor;

    TenantFixture tenant;
    Api till;

    @BeforeEach
    void freshTenant() {
        tenant = fixtures.tenant();
        till = tenant.cashier();
    }

    /** A WeChat payment code with the sandbox rule {@code rule} (its last two digits). */
    private static String wechat(String rule) {
        return "1345678901234567" + rule;
    }

    private Api.Response pay(String payCode, String orderCode, String money) {
        return till.post("/api/v1/scan-payments", Map.of("payCode", payCode, "orderCode", orderCode, "money", money));
    }

    private Api.Response query(String orderCode) {
        return till.post("/api/v1/scan-payments/" + orderCode + "/query", Map.of());
    }

    private long attempts(String orderCode) {
        return fixtures.jdbc()
                .sql("select count(*) from scan_payment where tenant_id = ? and order_code = ?")
                .params(tenant.id(), orderCode)
                .query(Long.class)
                .single();
    }

    private List<Integer> outcomes(String orderCode) {
        return fixtures.jdbc()
                .sql("""
                        select o.status from scan_payment_outcome o
                        join scan_payment p on p.tenant_id = o.tenant_id and p.id = o.scan_payment_id
                        where p.tenant_id = ? and p.order_code = ? order by o.id""")
                .params(tenant.id(), orderCode)
                .query(Integer.class)
                .list();
    }

    @Test
    void aPaidCodeAnswersTheWalletAndTheGatewaysTransactionAndAReplayIs801() {
        String order = Fixtures.unique("sp");
        Api.Response paid = pay(wechat("00"), order, "35.50");

        assertThat(paid.status()).isEqualTo(200);
        assertThat(paid.data().path("paymentType").asInt()).isEqualTo(3);
        String txn = paid.data().path("timestamp").asString();
        assertThat(txn).startsWith("SBX");

        Api.Response again = pay(wechat("00"), order, "35.50");
        assertThat(again.status()).isEqualTo(801);
        assertThat(again.data().path("timestamp").asString()).isEqualTo(txn);
        assertThat(pay(wechat("00"), order, "35.51").status()).isEqualTo(409);
        assertThat(attempts(order)).isEqualTo(1);
        assertThat(query(order).status()).isEqualTo(701);

        Api.Response alipay = pay("28456789012345678900", Fixtures.unique("sp"), "1.00");
        assertThat(alipay.data().path("paymentType").asInt()).isEqualTo(4);
        Api.Response unionpay = pay("6212345678901234500", Fixtures.unique("sp"), "1.00");
        assertThat(unionpay.data().path("paymentType").asInt()).isEqualTo(10);
    }

    @Test
    void refusedAndExpiredCodesAnswer702And704AndTheOrderMayBeTriedAgain() {
        String order = Fixtures.unique("sp");
        assertThat(pay(wechat("01"), order, "10.00").status()).isEqualTo(702);
        assertThat(query(order).status()).isEqualTo(702);
        assertThat(pay(wechat("06"), order, "10.00").status()).isEqualTo(704);
        Api.Response paid = pay(wechat("00"), order, "10.00");
        assertThat(paid.status()).isEqualTo(200);
        assertThat(attempts(order)).isEqualTo(3);
        List<String> numbers = fixtures.jdbc()
                .sql("select gateway_order_no from scan_payment where tenant_id = ? and order_code = ?")
                .params(tenant.id(), order)
                .query(String.class)
                .list();
        assertThat(numbers).doesNotHaveDuplicates();
    }

    @Test
    void aCustomerConfirmingOnThePhoneIsPolledAndOneWhoNeverDoesIsReversedWith1003() {
        String confirming = Fixtures.unique("sp");
        assertThat(pay(wechat("02"), confirming, "8.00").status()).isEqualTo(200);

        String never = Fixtures.unique("sp");
        Api.Response timedOut = pay(wechat("03"), never, "8.00");
        assertThat(timedOut.status()).isEqualTo(1003);
        assertThat(timedOut.data().path("paymentType").asInt()).isEqualTo(3);
        assertThat(query(never).status()).isEqualTo(1003);
        assertThat(outcomes(never)).containsExactly(1003);
    }

    @Test
    void aReverseThatFailsLeavesTheAttemptUnknownUntilTheJanitorReversesIt() throws Exception {
        String order = Fixtures.unique("sp");
        assertThat(pay(wechat("08"), order, "8.00").status()).isEqualTo(703);
        // while unknown, the same order is not charged again
        assertThat(pay(wechat("00"), order, "8.00").status()).isEqualTo(703);
        assertThat(attempts(order)).isEqualTo(1);

        Thread.sleep(5);
        janitor.run();
        assertThat(outcomes(order)).containsExactly(703, 1003);
        assertThat(query(order).status()).isEqualTo(1003);
    }

    @Test
    void aSystemErrorIsUnknownAndTheJanitorFindsOutWhetherTheCustomerWasCharged() throws Exception {
        String charged = Fixtures.unique("sp");
        Api.Response unknown = pay(wechat("04"), charged, "12.00");
        assertThat(unknown.status()).isEqualTo(703);
        assertThat(unknown.data().path("timestamp").isNull()).isTrue();
        String notCharged = Fixtures.unique("sp");
        assertThat(pay(wechat("05"), notCharged, "12.00").status()).isEqualTo(703);

        Thread.sleep(5);
        janitor.run();
        assertThat(outcomes(charged)).containsExactly(703, 701);
        Api.Response paid = query(charged);
        assertThat(paid.status()).isEqualTo(701);
        assertThat(paid.data().path("timestamp").asString()).startsWith("SBX");
        // an order the gateway never had stays unknown until the polling budget is over, then is
        // reversed (nothing can charge any more) and failed
        Thread.sleep(450);
        janitor.run();
        assertThat(query(notCharged).status()).isEqualTo(702);
        assertThat(pay(wechat("00"), charged, "12.00").status()).isEqualTo(801);
    }

    @Test
    void opTwentyEightAsksTheGatewayItself() {
        String order = Fixtures.unique("sp");
        assertThat(pay(wechat("04"), order, "3.00").status()).isEqualTo(703);
        assertThat(query(order).status()).isEqualTo(701);
        assertThat(outcomes(order)).containsExactly(703, 701);
    }

    @Test
    void anAttemptLeftPendingByAStoppedServiceIsSettledByTheJanitor() {
        String order = Fixtures.unique("sp");
        fixtures.jdbc()
                .sql("""
                        insert into scan_payment (tenant_id, kind, order_code, payment_type, money, business_date,
                                                  gateway, gateway_order_no, created_at)
                        values (?, 'PAY', ?, 3, 5.00, current_date, 'SANDBOX', ?, now() - interval '1 minute')""")
                .params(tenant.id(), order, "LOST" + order.replace("-", ""))
                .update();

        janitor.run();

        assertThat(outcomes(order)).containsExactly(702);
        assertThat(query(order).status()).isEqualTo(702);
    }

    @Test
    void badInputChangesNothing() {
        String order = Fixtures.unique("sp");
        Api.Response unknownWallet = pay("99456789012345678900", order, "1.00");
        assertThat(unknownWallet.status()).isEqualTo(400);
        assertThat(unknownWallet.message()).contains("payCode");
        assertThat(pay("1345678901234567", order, "1.00").status()).isEqualTo(400);
        assertThat(pay(wechat("00"), order, "0").status()).isEqualTo(400);
        assertThat(pay(wechat("00"), order, "-1.00").status()).isEqualTo(400);
        assertThat(pay(wechat("00"), order, "1.001").status()).isEqualTo(400);
        assertThat(attempts(order)).isZero();
        assertThat(query(Fixtures.unique("none")).status()).isEqualTo(404);
    }

    @Test
    void anotherTenantsOrderIsNotSeen() {
        String order = Fixtures.unique("sp");
        assertThat(pay(wechat("00"), order, "2.00").status()).isEqualTo(200);
        Api other = fixtures.tenant().cashier();
        assertThat(other.post("/api/v1/scan-payments/" + order + "/query", Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(other.post(
                                "/api/v1/scan-payments",
                                Map.of("payCode", wechat("00"), "orderCode", order, "money", "2.00"))
                        .status())
                .isEqualTo(200);
    }
}
