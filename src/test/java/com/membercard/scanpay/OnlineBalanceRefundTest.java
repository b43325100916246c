package com.membercard.scanpay;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.shared.Money;
import com.membercard.support.Api;
import com.membercard.support.Concurrently;
import com.membercard.support.Fixtures;
import com.membercard.support.IntegrationTest;
import com.membercard.support.TillFixture;
import com.membercard.support.TillFixture.TestCard;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * op27: a card's stored value paid back along the scan payments that paid its recharges, each part
 * through its gateway; a part the gateway refuses comes back on the card, one left unknown is
 * settled by the janitor. The ledger is reconciled after every test (LedgerReconciled).
 */
@IntegrationTest
class OnlineBalanceRefundTest {

    private static final String WECHAT_PAID = "134567890123456700";
    private static final String ALIPAY_REFUNDS_REFUSED = "2845678901234510";
    private static final String WECHAT_REFUNDS_PROCESSING = "134567890123456709";

    @Autowired
    Fixtures fixtures;

    @Autowired
    SandboxGateway sandbox;

    @Autowired
    ScanPayJanitor janitor;

    @Autowired
    java.time.Clock clock;

    TillFixture till;
    TestCard card;

    @BeforeEach
    void aCard() {
        till = TillFixture.create(fixtures, "PROPORTIONAL", 0, 0);
        card = till.card();
    }

    private String scanPaid(String payCode, String money) {
        String order = Fixtures.unique("sp");
        Api.Response paid = till.till()
                .post("/api/v1/scan-payments", Map.of("payCode", payCode, "orderCode", order, "money", money));
        assertThat(paid.status()).isEqualTo(200);
        return order;
    }

    private static Map<String, Object> detail(int paymentType, String money, String orderCode) {
        Map<String, Object> detail = new HashMap<>(Map.of("paymentType", paymentType, "money", money));
        if (orderCode != null) {
            detail.put("orderCode", orderCode);
        }
        return detail;
    }

    /** op29 by the tenant administrator (gift money without a plan), paid as {@code details}. */
    private Api.Response recharge(String pay, String give, List<Map<String, Object>> details) {
        return till.tenant
                .admin()
                .post(
                        "/api/v1/recharges",
                        Map.of(
                                "cardCode",
                                card.code(),
                                "mac",
                                card.mac(),
                                "payMoney",
                                pay,
                                "giveMoney",
                                give,
                                "details",
                                details,
                                "timestamp",
                                Fixtures.unique("rc")));
    }

    private Api.Response refundOnline(String serial, String payMoney, Object details) {
        Map<String, Object> body = new HashMap<>(
                Map.of("cardCode", card.code(), "mac", card.mac(), "payMoney", payMoney, "timestamp", serial));
        if (details != null) {
            body.put("details", details);
        }
        return till.till().post("/api/v1/balance-refunds/original-route", body);
    }

    private long recordOf(String orderCode) {
        return fixtures.jdbc()
                .sql("""
                        select c.payment_record_id from scan_payment_claim c
                        join scan_payment p on p.tenant_id = c.tenant_id and p.id = c.paid_attempt_id
                        where p.tenant_id = ? and p.order_code = ?""")
                .params(till.tenant.id(), orderCode)
                .query(Long.class)
                .single();
    }

    private Money refundedAtGateway(String orderCode) {
        String orderNo = fixtures.jdbc()
                .sql(
                        "select gateway_order_no from scan_payment where tenant_id = ? and kind = 'PAY' and order_code = ?")
                .params(till.tenant.id(), orderCode)
                .query(String.class)
                .single();
        LocalDate today = LocalDate.now(clock.withZone(GatewayReconciliation.GATEWAY_ZONE));
        return sandbox.statement(today).stream()
                .filter(line -> line.orderNo().equals(orderNo) && line.refundNo() != null)
                .map(line -> line.money().negate())
                .reduce(Money.ZERO, Money::plus);
    }

    private long gatewayRefunds() {
        return fixtures.jdbc()
                .sql("select count(*) from scan_payment where tenant_id = ? and kind = 'BALANCE_REFUND'")
                .param(till.tenant.id())
                .query(Long.class)
                .single();
    }

    @Test
    void aPartTheGatewayRefusesIsBackOnTheCardAndThePartsRefundedStayRefunded() {
        String wechat = scanPaid(WECHAT_PAID, "60.00");
        String alipay = scanPaid(ALIPAY_REFUNDS_REFUSED, "40.00");
        assertThat(recharge("100.00", "20.00", List.of(detail(3, "60.00", wechat), detail(4, "40.00", alipay)))
                        .status())
                .isEqualTo(200);
        JsonNode draft = till.till()
                .get("/api/v1/balance-refunds/draft?cardCode=" + card.code())
                .body();
        assertThat(draft.path("refundMoney").decimalValue()).isEqualByComparingTo("100.00");

        // newest record first: the Alipay part (refused), then the WeChat one
        String serial = Fixtures.unique("ob");
        Api.Response answer = refundOnline(serial, "100.00", null);

        assertThat(answer.status()).isEqualTo(702);
        JsonNode parts = answer.data().path("refunds");
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).path("paymentType").asInt()).isEqualTo(4);
        assertThat(parts.get(0).path("status").asInt()).isEqualTo(702);
        assertThat(parts.get(1).path("paymentType").asInt()).isEqualTo(3);
        assertThat(parts.get(1).path("status").asInt()).isEqualTo(701);
        assertThat(parts.get(1).path("timestamp").asString()).isNotBlank();
        // what op32 would have left after paying back 60.00 of (100.00, 20.00): (40.00, 8.00)
        assertThat(till.real(card)).isEqualByComparingTo("40.00");
        assertThat(till.gift(card)).isEqualByComparingTo("8.00");
        assertThat(refundedAtGateway(wechat)).isEqualTo(Money.of("60.00"));
        assertThat(refundedAtGateway(alipay)).isEqualTo(Money.ZERO);

        // the same serial answers the parts as they are, and sends nothing again
        long sent = gatewayRefunds();
        Api.Response replay = refundOnline(serial, "100.00", null);
        assertThat(replay.status()).isEqualTo(702);
        assertThat(replay.data().path("refunds").get(1).path("status").asInt()).isEqualTo(701);
        assertThat(gatewayRefunds()).isEqualTo(sent);
        assertThat(refundOnline(serial, "90.00", null).status()).isEqualTo(409);

        // the refused part's record can be refunded again, by hand here
        Api.Response byHand = till.till()
                .post(
                        "/api/v1/balance-refunds",
                        Map.of(
                                "cardCode", card.code(),
                                "mac", card.mac(),
                                "paymentType", 1,
                                "payMoney", "40.00",
                                "details", List.of(Map.of("recordId", recordOf(alipay), "money", "40.00")),
                                "timestamp", Fixtures.unique("bh")));
        assertThat(byHand.status()).isEqualTo(200);
        assertThat(till.real(card)).isEqualByComparingTo("0.00");
        assertThat(till.gift(card)).isEqualByComparingTo("0.00");
    }

    @Test
    void everyPartRefundedIs200AndAReplayIs801() {
        String first = scanPaid(WECHAT_PAID, "30.00");
        String second = scanPaid(WECHAT_PAID, "20.00");
        assertThat(recharge("50.00", "0", List.of(detail(3, "30.00", first))).status())
                .isEqualTo(400); // the details must add up to payMoney
        assertThat(recharge("30.00", "0", List.of(detail(3, "30.00", first))).status())
                .isEqualTo(200);
        assertThat(recharge("20.00", "0", List.of(detail(3, "20.00", second))).status())
                .isEqualTo(200);

        String serial = Fixtures.unique("ob");
        List<Map<String, Object>> named = List.of(Map.of("recordId", recordOf(first), "money", "25.00"));
        Api.Response answer = refundOnline(serial, "25.00", named);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.data().path("paymentType").asInt()).isEqualTo(3);
        assertThat(answer.data().path("timestamp").asString()).isNotBlank();
        assertThat(refundOnline(serial, "25.00", named).status()).isEqualTo(801);
        assertThat(till.real(card)).isEqualByComparingTo("25.00");
        assertThat(refundedAtGateway(first)).isEqualTo(Money.of("25.00"));
        assertThat(refundedAtGateway(second)).isEqualTo(Money.ZERO);
        // a payment whose money is on the card is not refunded by op26
        assertThat(till.till()
                        .post("/api/v1/scan-payments/refund", Map.of("orderCode", second, "money", "1.00"))
                        .status())
                .isEqualTo(451);
    }

    @Test
    void aPartLeftProcessingIsSettledByTheJanitor() throws Exception {
        String order = scanPaid(WECHAT_REFUNDS_PROCESSING, "30.00");
        assertThat(recharge("30.00", "6.00", List.of(detail(3, "30.00", order))).status())
                .isEqualTo(200);

        String serial = Fixtures.unique("ob");
        Api.Response answer = refundOnline(serial, "30.00", null);
        assertThat(answer.status()).isEqualTo(703);
        // the money is off the card while the gateway works on it
        assertThat(till.real(card)).isEqualByComparingTo("0.00");
        assertThat(till.gift(card)).isEqualByComparingTo("0.00");

        Thread.sleep(5);
        janitor.run();
        assertThat(refundOnline(serial, "30.00", null).status()).isEqualTo(801);
        assertThat(refundedAtGateway(order)).isEqualTo(Money.of("30.00"));
        assertThat(till.real(card)).isEqualByComparingTo("0.00");
    }

    @Test
    void parallelRetriesOfOneRefundTakeTheMoneyOnceAndSendEachPartOnce() throws Exception {
        String order = scanPaid(WECHAT_PAID, "50.00");
        assertThat(recharge("50.00", "10.00", List.of(detail(3, "50.00", order)))
                        .status())
                .isEqualTo(200);
        String serial = Fixtures.unique("ob");

        List<Api.Response> answers = Concurrently.run(6, i -> refundOnline(serial, "20.00", null));

        assertThat(answers).extracting(Api.Response::status).isSubsetOf(200, 801, 703);
        assertThat(answers.stream().filter(a -> a.status() == 200)).hasSize(1);
        assertThat(gatewayRefunds()).isEqualTo(1);
        assertThat(refundedAtGateway(order)).isEqualTo(Money.of("20.00"));
        assertThat(till.real(card)).isEqualByComparingTo("30.00");
        assertThat(till.gift(card)).isEqualByComparingTo("6.00");
    }

    @Test
    void badInputIsRefusedWithItsCodeAndChangesNothing() {
        String order = scanPaid(WECHAT_PAID, "30.00");
        assertThat(recharge("10.00", "0", List.of(detail(1, "10.00", null))).status())
                .isEqualTo(200);
        assertThat(recharge("30.00", "0", List.of(detail(3, "30.00", order))).status())
                .isEqualTo(200);
        long cash = fixtures.jdbc()
                .sql("""
                        select r.id from payment_record r where r.tenant_id = ? and r.payment_type = 1""")
                .param(till.tenant.id())
                .query(Long.class)
                .single();

        Api.Response notOnline =
                refundOnline(Fixtures.unique("ob"), "10.00", List.of(Map.of("recordId", cash, "money", "10.00")));
        assertThat(notOnline.status()).isEqualTo(452);
        assertThat(refundOnline(Fixtures.unique("ob"), "30.01", null).status()).isEqualTo(612);
        assertThat(refundOnline(Fixtures.unique("ob"), "40.01", null).status()).isEqualTo(605);
        for (String money : List.of("0", "-1.00", "1.001")) {
            Api.Response bad = refundOnline(Fixtures.unique("ob"), money, null);
            assertThat(bad.status()).as(money).isEqualTo(400);
            assertThat(bad.message()).as(money).contains("payMoney");
        }
        Api.Response noSerial = till.till()
                .post(
                        "/api/v1/balance-refunds/original-route",
                        Map.of("cardCode", card.code(), "mac", card.mac(), "payMoney", "1.00"));
        assertThat(noSerial.status()).isEqualTo(400);
        assertThat(noSerial.message()).contains("timestamp");
        Api.Response wrongSecret = till.till()
                .post(
                        "/api/v1/balance-refunds/original-route",
                        Map.of(
                                "cardCode",
                                card.code(),
                                "mac",
                                "not-the-secret",
                                "payMoney",
                                "1.00",
                                "timestamp",
                                Fixtures.unique("ob")));
        assertThat(wrongSecret.status()).isEqualTo(602);

        assertThat(gatewayRefunds()).isZero();
        assertThat(till.real(card)).isEqualByComparingTo("40.00");
        assertThat(refundedAtGateway(order)).isEqualTo(Money.ZERO);
    }

    @Test
    void aRechargeNamesOnlyAPaidScanPaymentOfItsWalletAndAmountOnce() {
        String order = scanPaid(WECHAT_PAID, "30.00");
        assertField(recharge("30.00", "0", List.of(detail(3, "30.00", Fixtures.unique("none")))));
        assertField(recharge("30.00", "0", List.of(detail(4, "30.00", order))));
        assertField(recharge("20.00", "0", List.of(detail(3, "20.00", order))));
        assertThat(till.real(card)).isEqualByComparingTo("0.00");

        assertThat(recharge("30.00", "0", List.of(detail(3, "30.00", order))).status())
                .isEqualTo(200);
        assertField(recharge("30.00", "0", List.of(detail(3, "30.00", order))));
        assertThat(till.real(card)).isEqualByComparingTo("30.00");
    }

    private static void assertField(Api.Response refused) {
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.message()).contains("details[0].orderCode");
    }
}
