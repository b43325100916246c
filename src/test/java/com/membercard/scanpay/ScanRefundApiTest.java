package com.membercard.scanpay;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.shared.Money;
import com.membercard.support.Api;
import com.membercard.support.Concurrently;
import com.membercard.support.Fixtures;
import com.membercard.support.Fixtures.TenantFixture;
import com.membercard.support.IntegrationTest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** op26 refunds of scan payments through the sandbox gateway, and the janitor's follow-up of them. */
@IntegrationTest
class ScanRefundApiTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    ScanPayJanitor janitor;

    @Autowired
    SandboxGateway sandbox;

    TenantFixture tenant;
    Api till;

    @BeforeEach
    void freshTenant() {
        tenant = fixtures.tenant();
        till = tenant.cashier();
    }

    private static String wechat(String rule) {
        return "1345678901234567" + rule;
    }

    private String paid(String rule, String money) {
        String order = Fixtures.unique("sp");
        Api.Response paid =
                till.post("/api/v1/scan-payments", Map.of("payCode", wechat(rule), "orderCode", order, "money", money));
        assertThat(paid.status()).isEqualTo(200);
        return order;
    }

    private Api.Response refund(String order, String money, String serial) {
        Map<String, Object> body = new HashMap<>(Map.of("orderCode", order, "money", money));
        if (serial != null) {
            body.put("timestamp", serial);
        }
        return till.post("/api/v1/scan-payments/refund", body);
    }

    /** Our refund attempts of the order with their newest state (null: pending). */
    private List<Map<String, Object>> refunds(String order) {
        return fixtures.jdbc().sql("""
                        select r.money, r.gateway_order_no,
                               (select o.status from scan_payment_outcome o
                                where o.tenant_id = r.tenant_id and o.scan_payment_id = r.id order by o.id desc limit 1)
                                   as status
                        from scan_payment r join scan_payment p on p.tenant_id = r.tenant_id and p.id = r.paid_attempt_id
                        where r.tenant_id = ? and p.order_code = ? order by r.id""").params(tenant.id(), order).query().listOfRows();
    }

    /** What the sandbox paid back of our order (its statement's refund lines). */
    private Money refundedAtGateway(String order) {
        String orderNo = fixtures.jdbc()
                .sql(
                        "select gateway_order_no from scan_payment where tenant_id = ? and kind = 'PAY' and order_code = ?")
                .params(tenant.id(), order)
                .query(String.class)
                .single();
        return sandbox.statement(LocalDate.now(ZoneId.of("Asia/Shanghai"))).stream()
                .filter(line -> line.orderNo().equals(orderNo) && line.refundNo() != null)
                .map(line -> line.money().negate())
                .reduce(Money.ZERO, Money::plus);
    }

    @Test
    void refundsInPartsNeverExceedThePaymentAndEachSerialIsAnsweredOnce() {
        String order = paid("00", "10.00");

        Api.Response first = refund(order, "4.00", "r1-" + order);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.data().path("paymentType").asInt()).isEqualTo(3);
        String refundId = first.data().path("timestamp").asString();
        assertThat(refundId).isNotBlank();

        Api.Response replay = refund(order, "4.00", "r1-" + order);
        assertThat(replay.status()).isEqualTo(801);
        assertThat(replay.data().path("timestamp").asString()).isEqualTo(refundId);
        assertThat(refund(order, "5.00", "r1-" + order).status()).isEqualTo(409);

        Api.Response beyond = refund(order, "6.01", "r2-" + order);
        assertThat(beyond.status()).isEqualTo(612);
        assertThat(refund(order, "6.00", "r2-" + order).status()).isEqualTo(200);
        assertThat(refund(order, "0.01", "r3-" + order).status()).isEqualTo(612);

        assertThat(refunds(order))
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.get("status")).isEqualTo(701));
        assertThat(refundedAtGateway(order)).isEqualTo(Money.of("10.00"));
    }

    @Test
    void withoutItsOwnSerialTheOrderIsTheSerialOfOneRefund() {
        String order = paid("00", "7.50");
        assertThat(refund(order, "7.50", null).status()).isEqualTo(200);
        assertThat(refund(order, "7.50", null).status()).isEqualTo(801);
        assertThat(refund(order, "7.00", null).status()).isEqualTo(409);
        assertThat(refunds(order)).hasSize(1);
    }

    @Test
    void aRefundTheGatewayLeavesProcessingIsUnknownUntilTheJanitorLearnsItWentThrough() throws Exception {
        String order = paid("09", "9.00");
        Api.Response processing = refund(order, "9.00", null);
        assertThat(processing.status()).isEqualTo(703);
        // while it is open its money counts as refunded: nothing more can go back
        assertThat(refund(order, "0.01", "more-" + order).status()).isEqualTo(612);

        Thread.sleep(5);
        janitor.run();
        assertThat(refunds(order))
                .singleElement()
                .satisfies(r -> assertThat(r.get("status")).isEqualTo(701));
        assertThat(refund(order, "9.00", null).status()).isEqualTo(801);
        assertThat(refundedAtGateway(order)).isEqualTo(Money.of("9.00"));
    }

    @Test
    void aRefundLeftPendingByAStoppedServiceIsSentAgainUnderItsOwnNumberAndPaysBackOnce() {
        String order = paid("00", "5.00");
        long paidId = fixtures.jdbc()
                .sql("select id from scan_payment where tenant_id = ? and kind = 'PAY' and order_code = ?")
                .params(tenant.id(), order)
                .query(Long.class)
                .single();
        // written before the gateway was called, then the service stopped
        fixtures.jdbc()
                .sql("""
                        insert into scan_payment (tenant_id, kind, order_code, payment_type, money, business_date,
                                                  gateway, gateway_order_no, paid_attempt_id, created_at)
                        values (?, 'REFUND', ?, 3, 2.00, current_date, 'SANDBOX', ?, ?, now() - interval '1 minute')""")
                .params(tenant.id(), "lost-" + order, "RL" + paidId, paidId)
                .update();

        janitor.run();
        janitor.run();

        assertThat(refunds(order))
                .singleElement()
                .satisfies(r -> assertThat(r.get("status")).isEqualTo(701));
        assertThat(refundedAtGateway(order)).isEqualTo(Money.of("2.00"));
        assertThat(refund(order, "3.01", "more-" + order).status()).isEqualTo(612);
        assertThat(refund(order, "3.00", "more-" + order).status()).isEqualTo(200);
    }

    @Test
    void parallelRefundsOfOneOrderNeverTogetherExceedIt() throws Exception {
        String order = paid("00", "10.00");

        List<Api.Response> answers = Concurrently.run(8, i -> refund(order, "3.00", "par" + i + "-" + order));

        assertThat(answers).extracting(Api.Response::status).containsOnly(200, 612);
        assertThat(answers.stream().filter(a -> a.status() == 200)).hasSize(3);
        assertThat(refunds(order)).hasSize(3);
        assertThat(refundedAtGateway(order)).isEqualTo(Money.of("9.00"));
    }

    @Test
    void parallelRetriesOfOneRefundReachTheGatewayOnce() throws Exception {
        String order = paid("00", "10.00");

        List<Api.Response> answers = Concurrently.run(6, i -> refund(order, "4.00", "same-" + order));

        assertThat(answers).extracting(Api.Response::status).containsOnly(200, 801);
        assertThat(answers.stream().filter(a -> a.status() == 200)).hasSize(1);
        assertThat(refunds(order)).hasSize(1);
        assertThat(refundedAtGateway(order)).isEqualTo(Money.of("4.00"));
    }

    @Test
    void badInputIsRefusedWithItsCodeAndChangesNothing() {
        String order = paid("00", "3.00");

        Api.Response unknownOrder = refund(Fixtures.unique("none"), "1.00", null);
        assertThat(unknownOrder.status()).isEqualTo(404);
        for (String money : List.of("0", "-1.00", "1.001", "abc")) {
            Api.Response bad = refund(order, money, null);
            assertThat(bad.status()).as(money).isEqualTo(400);
            assertThat(bad.message()).as(money).contains("money");
        }
        Api.Response malformedCode = till.post(
                "/api/v1/scan-payments/refund", Map.of("orderCode", order, "money", "1.00", "payCode", "99123"));
        assertThat(malformedCode.status()).isEqualTo(400);
        assertThat(malformedCode.message()).contains("payCode");
        Api.Response otherWallet = till.post(
                "/api/v1/scan-payments/refund",
                Map.of("orderCode", order, "money", "1.00", "payCode", "2845678901234567"));
        assertThat(otherWallet.status()).isEqualTo(400);
        assertThat(otherWallet.message()).contains("payCode");
        Api.Response noOrder = till.post("/api/v1/scan-payments/refund", Map.of("money", "1.00"));
        assertThat(noOrder.status()).isEqualTo(400);
        assertThat(noOrder.message()).contains("orderCode");
        assertThat(refund(order, "3.01", null).status()).isEqualTo(612);

        assertThat(refunds(order)).isEmpty();
        assertThat(refundedAtGateway(order)).isEqualTo(Money.ZERO);
    }

    @Test
    void anOrderThatWasNeverPaidHasNothingToRefund() {
        String refused = Fixtures.unique("sp");
        assertThat(till.post(
                                "/api/v1/scan-payments",
                                Map.of("payCode", wechat("01"), "orderCode", refused, "money", "2.00"))
                        .status())
                .isEqualTo(702);
        assertThat(refund(refused, "2.00", null).status()).isEqualTo(612);

        String unknown = Fixtures.unique("sp");
        assertThat(till.post(
                                "/api/v1/scan-payments",
                                Map.of("payCode", wechat("05"), "orderCode", unknown, "money", "2.00"))
                        .status())
                .isEqualTo(703);
        assertThat(refund(unknown, "2.00", null).status()).isEqualTo(703);
        assertThat(refunds(refused)).isEmpty();
        assertThat(refunds(unknown)).isEmpty();
    }

    @Test
    void aPaymentWhoseGatewayIsNoLongerConfiguredIsNotRefunded() {
        String order = Fixtures.unique("sp");
        long paidId = fixtures.jdbc()
                .sql("""
                        insert into scan_payment (tenant_id, kind, order_code, payment_type, money, business_date,
                                                  gateway, gateway_order_no)
                        values (?, 'PAY', ?, 3, 4.00, current_date, 'WECHAT', ?) returning id""")
                .params(tenant.id(), order, "PG" + order.hashCode())
                .query(Long.class)
                .single();
        fixtures.jdbc()
                .sql("insert into scan_payment_outcome (tenant_id, scan_payment_id, status, gateway_txn)"
                        + " values (?, ?, 701, 'WX1')")
                .params(tenant.id(), paidId)
                .update();

        Api.Response refused = refund(order, "1.00", null);
        assertThat(refused.status()).isEqualTo(450);
        assertThat(refunds(order)).isEmpty();
    }
}
