package com.membercard.scanpay.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.scanpay.PaymentGateway.Answer;
import com.membercard.scanpay.PaymentGateway.StatementLine;
import com.membercard.scanpay.PaymentGateway.Status;
import com.membercard.scanpay.wechat.WechatPaySimulator.Behaviour;
import com.membercard.shared.Money;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The WeChat Pay adapter through the SDK against the wire-level simulator: every method and mapping. */
class WechatPayGatewayTest {

    static final String APP_ID = "wx2421b1c4370ec43b";
    static final String MERCHANT_ID = "10000100";
    static final String KEY = "192006250b4c09247ec02edce69f6a2d";
    private static final AtomicInteger CODES = new AtomicInteger();

    WechatPaySimulator simulator;
    WechatPayGateway gateway;

    @BeforeEach
    void start() throws Exception {
        simulator = new WechatPaySimulator(APP_ID, MERCHANT_ID, KEY, "MD5");
        gateway = gateway(KEY, "MD5");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private WechatPayGateway gateway(String key, String signType) {
        return new WechatPayGateway(new WechatPayGateway.Settings(
                APP_ID,
                MERCHANT_ID,
                key,
                signType,
                simulator.url(),
                null,
                Duration.ofSeconds(2),
                Duration.ofMillis(700)));
    }

    private static String code() {
        return "13"
                + String.format("%016d", System.nanoTime() % 1_000_000_000_000L * 100 + CODES.incrementAndGet() % 100);
    }

    private static String order() {
        return "P1X" + Long.toString(System.nanoTime(), 36).toUpperCase() + CODES.incrementAndGet();
    }

    private String told(Behaviour behaviour) {
        String code = code();
        simulator.willAnswer(code, behaviour);
        return code;
    }

    @Test
    void aPaidCodeAnswersSuccessWithWechatsTransactionId() {
        String order = order();
        Answer answer = gateway.pay(order, told(Behaviour.PAID), Money.of("35.50"), "order 1");

        assertThat(answer.status()).isEqualTo(Status.SUCCESS);
        assertThat(answer.transactionId()).startsWith("42000");
        assertThat(simulator.stateOf(order)).isEqualTo("SUCCESS");
        assertThat(gateway.query(order)).isEqualTo(new Answer(Status.SUCCESS, answer.transactionId(), "SUCCESS"));
    }

    @Test
    void hmacSha256SignedRequestsAndAnswersWorkToo() throws Exception {
        simulator.close();
        simulator = new WechatPaySimulator(APP_ID, MERCHANT_ID, KEY, "HMAC-SHA256");
        gateway = gateway(KEY, "HMAC-SHA256");

        assertThat(gateway.pay(order(), told(Behaviour.PAID), Money.of("1.00"), "x")
                        .status())
                .isEqualTo(Status.SUCCESS);
        assertThat(simulator.refusedSignatures()).isEmpty();
    }

    @Test
    void aRequestSignedWithTheWrongKeyIsRefusedByWechatAndNothingIsCharged() {
        String order = order();
        Answer answer = gateway("0" + KEY.substring(1), "MD5").pay(order, told(Behaviour.PAID), Money.of("2.00"), "x");

        assertThat(answer.status()).isEqualTo(Status.FAILED);
        assertThat(simulator.refusedSignatures()).containsExactly("/pay/micropay");
        assertThat(simulator.stateOf(order)).isNull();
    }

    @Test
    void anAnswerSignedWithAnotherKeyIsNotBelievedEvenWhenItSaysPaid() {
        String order = order();
        Answer answer = gateway.pay(order, told(Behaviour.FORGED_ANSWER), Money.of("2.00"), "x");

        assertThat(answer.status()).isEqualTo(Status.UNKNOWN);
        assertThat(gateway.query(order).status()).isEqualTo(Status.SUCCESS);
    }

    @Test
    void userPayingIsPayingUntilTheCustomerConfirms() {
        String order = order();
        assertThat(gateway.pay(order, told(Behaviour.PAYING_THEN_PAID), Money.of("3.00"), "x")
                        .status())
                .isEqualTo(Status.PAYING);
        assertThat(gateway.query(order).status()).isEqualTo(Status.PAYING);
        assertThat(gateway.query(order).status()).isEqualTo(Status.SUCCESS);
    }

    @Test
    void refusedAndExpiredCodesChargeNothing() {
        String refused = order();
        assertThat(gateway.pay(refused, told(Behaviour.REFUSED), Money.of("3.00"), "x"))
                .isEqualTo(new Answer(Status.FAILED, null, "NOTENOUGH"));
        assertThat(gateway.pay(order(), told(Behaviour.CODE_EXPIRED), Money.of("3.00"), "x"))
                .isEqualTo(new Answer(Status.CODE_EXPIRED, null, "AUTHCODEEXPIRE"));
        assertThat(gateway.query(refused).status()).isEqualTo(Status.NOT_FOUND);
    }

    @Test
    void aSystemErrorIsUnknownNeverFailedAndTheQueryTellsWhatHappened() {
        String charged = order();
        assertThat(gateway.pay(charged, told(Behaviour.SYSTEM_ERROR_CHARGED), Money.of("4.00"), "x"))
                .isEqualTo(new Answer(Status.UNKNOWN, null, "SYSTEMERROR"));
        assertThat(gateway.query(charged).status()).isEqualTo(Status.SUCCESS);

        String lost = order();
        assertThat(gateway.pay(lost, told(Behaviour.SYSTEM_ERROR), Money.of("4.00"), "x")
                        .status())
                .isEqualTo(Status.UNKNOWN);
        assertThat(gateway.query(lost).status()).isEqualTo(Status.NOT_FOUND);
    }

    @Test
    void anAnswerSlowerThanTheTimeoutIsUnknownAndTheChargeIsFoundByQuery() {
        simulator.slowness(Duration.ofMillis(1500));
        String order = order();
        assertThat(gateway.pay(order, told(Behaviour.SLOW), Money.of("5.00"), "x")
                        .status())
                .isEqualTo(Status.UNKNOWN);
        assertThat(gateway.query(order).status()).isEqualTo(Status.SUCCESS);
    }

    @Test
    void aGatewayThatIsNotThereIsUnknown() {
        String url = simulator.url();
        simulator.close();
        WechatPayGateway nowhere = new WechatPayGateway(new WechatPayGateway.Settings(
                APP_ID, MERCHANT_ID, KEY, "MD5", url, null, Duration.ofMillis(300), Duration.ofMillis(300)));
        assertThat(nowhere.pay(order(), code(), Money.of("1.00"), "x").status()).isEqualTo(Status.UNKNOWN);
        assertThat(nowhere.query(order()).status()).isEqualTo(Status.UNKNOWN);
    }

    @Test
    void reverseCancelsAPayingOrderAndAnOrderWechatNeverHad() {
        String order = order();
        gateway.pay(order, told(Behaviour.PAYING_FOREVER), Money.of("6.00"), "x");

        assertThat(gateway.reverse(order).status()).isEqualTo(Status.SUCCESS);
        assertThat(simulator.stateOf(order)).isEqualTo("REVOKED");
        assertThat(gateway.query(order).status()).isEqualTo(Status.REVERSED);
        assertThat(gateway.reverse(order()).status()).isEqualTo(Status.SUCCESS);
    }

    @Test
    void refundsAreIdempotentByRefundNumberAndNeverExceedThePayment() {
        String order = order();
        gateway.pay(order, told(Behaviour.PAID), Money.of("10.00"), "x");

        Answer first = gateway.refund(order, "R1" + order, Money.of("10.00"), Money.of("4.00"));
        assertThat(first.status()).isEqualTo(Status.SUCCESS);
        assertThat(gateway.refund(order, "R1" + order, Money.of("10.00"), Money.of("4.00"))
                        .status())
                .isEqualTo(Status.SUCCESS);
        assertThat(gateway.refund(order, "R2" + order, Money.of("10.00"), Money.of("6.01")))
                .isEqualTo(new Answer(Status.FAILED, null, "ERROR"));
        assertThat(gateway.refundQuery(order, "R1" + order).status()).isEqualTo(Status.SUCCESS);
        assertThat(gateway.refundQuery(order, "R9" + order).status()).isEqualTo(Status.NOT_FOUND);
        assertThat(gateway.refund(order(), "R3", Money.of("1.00"), Money.of("1.00"))
                        .status())
                .isEqualTo(Status.FAILED);
    }

    @Test
    void aRefundWechatIsStillProcessingIsUnknownUntilItsQuerySaysSuccess() {
        String order = order();
        gateway.pay(order, told(Behaviour.PAID), Money.of("8.00"), "x");
        simulator.refundsProcessing(true);

        Answer accepted = gateway.refund(order, "R1" + order, Money.of("8.00"), Money.of("8.00"));
        assertThat(accepted.status()).isEqualTo(Status.UNKNOWN);
        assertThat(gateway.refundQuery(order, "R1" + order).status()).isEqualTo(Status.UNKNOWN);

        simulator.refundsProcessing(false);
        assertThat(gateway.refundQuery(order, "R1" + order).status()).isEqualTo(Status.SUCCESS);
    }

    @Test
    void theDaysBillListsPaymentsAndRefundsAndADayWithoutAnyIsEmpty() {
        String paid = order();
        String refunded = order();
        gateway.pay(paid, told(Behaviour.PAID), Money.of("12.34"), "x");
        gateway.pay(refunded, told(Behaviour.PAID), Money.of("5.00"), "x");
        gateway.refund(refunded, "R" + refunded, Money.of("5.00"), Money.of("1.50"));
        simulator.plantPaid("PLANTED" + paid, 777);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

        List<StatementLine> lines = gateway.statement(today);

        assertThat(lines)
                .extracting(StatementLine::orderNo, StatementLine::refundNo, StatementLine::money)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(paid, null, Money.of("12.34")),
                        org.assertj.core.groups.Tuple.tuple(refunded, null, Money.of("5.00")),
                        org.assertj.core.groups.Tuple.tuple(refunded, "R" + refunded, Money.of("-1.50")),
                        org.assertj.core.groups.Tuple.tuple("PLANTED" + paid, null, Money.of("7.77")));
        assertThat(gateway.statement(today.minusDays(3))).isEmpty();
    }

    @Test
    void theMerchantKeyNeverTravelsAndTheSettingsNeverPrintIt() {
        gateway.pay(order(), told(Behaviour.PAID), Money.of("1.00"), "x");

        assertThat(simulator.requests()).isNotEmpty().noneMatch(body -> body.contains(KEY));
        assertThat(new WechatPayGateway.Settings(
                                APP_ID, MERCHANT_ID, KEY, "MD5", "x", new byte[] {1}, Duration.ZERO, Duration.ZERO)
                        .toString())
                .doesNotContain(KEY);
    }
}
