package com.membercard.scanpay.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.membercard.scanpay.PaymentGateway.Answer;
import com.membercard.scanpay.PaymentGateway.StatementLine;
import com.membercard.scanpay.PaymentGateway.Status;
import com.membercard.scanpay.alipay.AlipaySimulator.Behaviour;
import com.membercard.shared.Money;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Alipay adapter through the SDK against the wire-level simulator: every method and mapping. */
class AlipayGatewayTest {

    static final String APP_ID = "2021000117600001";
    private static final AtomicInteger CODES = new AtomicInteger();

    static KeyPair application;
    static KeyPair alipay;
    static KeyPair forger;

    AlipaySimulator simulator;
    AlipayGateway gateway;

    @BeforeAll
    static void keys() throws NoSuchAlgorithmException {
        application = rsa();
        alipay = rsa();
        forger = rsa();
    }

    static KeyPair rsa() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    static String base64(java.security.Key key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    @BeforeEach
    void start() throws Exception {
        simulator = new AlipaySimulator(APP_ID, application.getPublic(), alipay, forger);
        gateway = gateway(application);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private AlipayGateway gateway(KeyPair signingWith) {
        return new AlipayGateway(new AlipayGateway.Settings(
                APP_ID,
                base64(signingWith.getPrivate()),
                base64(alipay.getPublic()),
                simulator.url(),
                Duration.ofSeconds(2),
                Duration.ofMillis(700)));
    }

    private static String code() {
        return "28"
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
    void aPaidCodeAnswersSuccessWithAlipaysTradeNumber() {
        String order = order();
        Answer answer = gateway.pay(order, told(Behaviour.PAID), Money.of("35.50"), "order 1");

        assertThat(answer.status()).isEqualTo(Status.SUCCESS);
        assertThat(answer.transactionId()).startsWith("2026");
        assertThat(simulator.statusOf(order)).isEqualTo("TRADE_SUCCESS");
        assertThat(gateway.query(order)).isEqualTo(new Answer(Status.SUCCESS, answer.transactionId(), "TRADE_SUCCESS"));
    }

    @Test
    void aRequestSignedWithAnotherKeyIsRefusedByAlipayAndNothingIsCharged() {
        String order = order();
        Answer answer = gateway(forger).pay(order, told(Behaviour.PAID), Money.of("2.00"), "x");

        assertThat(answer.status()).isEqualTo(Status.FAILED);
        assertThat(simulator.refusedSignatures()).containsExactly("alipay.trade.pay");
        assertThat(simulator.statusOf(order)).isNull();
    }

    @Test
    void anAnswerNotSignedByAlipayIsNotBelievedEvenWhenItSaysPaid() {
        String order = order();
        assertThat(gateway.pay(order, told(Behaviour.FORGED_ANSWER), Money.of("2.00"), "x")
                        .status())
                .isEqualTo(Status.UNKNOWN);
        assertThat(gateway.query(order).status()).isEqualTo(Status.SUCCESS);
    }

    @Test
    void waitBuyerPayIsPayingUntilTheCustomerConfirms() {
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
                .isEqualTo(new Answer(Status.FAILED, null, "ACQ.BUYER_BALANCE_NOT_ENOUGH"));
        assertThat(gateway.pay(order(), told(Behaviour.CODE_EXPIRED), Money.of("3.00"), "x"))
                .isEqualTo(new Answer(Status.CODE_EXPIRED, null, "ACQ.PAYMENT_AUTH_CODE_INVALID"));
        assertThat(gateway.query(refused).status()).isEqualTo(Status.NOT_FOUND);
    }

    @Test
    void aSystemErrorIsUnknownNeverFailedAndTheQueryTellsWhatHappened() {
        String charged = order();
        assertThat(gateway.pay(charged, told(Behaviour.SYSTEM_ERROR_CHARGED), Money.of("4.00"), "x"))
                .isEqualTo(new Answer(Status.UNKNOWN, null, "40004 ACQ.SYSTEM_ERROR"));
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
    void cancelClosesAPayingOrderAndAnOrderAlipayNeverHad() {
        String order = order();
        gateway.pay(order, told(Behaviour.PAYING_FOREVER), Money.of("6.00"), "x");

        assertThat(gateway.reverse(order)).isEqualTo(new Answer(Status.SUCCESS, null, "close"));
        assertThat(gateway.query(order).status()).isEqualTo(Status.REVERSED);
        assertThat(gateway.reverse(order()).status()).isEqualTo(Status.SUCCESS);
    }

    @Test
    void refundsAreIdempotentByRequestNumberAndNeverExceedThePayment() {
        String order = order();
        gateway.pay(order, told(Behaviour.PAID), Money.of("10.00"), "x");

        assertThat(gateway.refund(order, "R1" + order, Money.of("10.00"), Money.of("4.00"))
                        .status())
                .isEqualTo(Status.SUCCESS);
        // the same request number again: no money moves, the refund stands
        assertThat(gateway.refund(order, "R1" + order, Money.of("10.00"), Money.of("4.00"))
                        .status())
                .isEqualTo(Status.SUCCESS);
        assertThat(gateway.refund(order, "R2" + order, Money.of("10.00"), Money.of("6.01")))
                .isEqualTo(new Answer(Status.FAILED, null, "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL"));
        assertThat(gateway.refundQuery(order, "R1" + order).status()).isEqualTo(Status.SUCCESS);
        assertThat(gateway.refundQuery(order, "R2" + order).status()).isEqualTo(Status.NOT_FOUND);
        assertThat(gateway.refund(order(), "R3", Money.of("1.00"), Money.of("1.00"))
                        .status())
                .isEqualTo(Status.FAILED);
    }

    @Test
    void theDaysBillListsTradesAndRefundsAndADayWithoutAnyIsEmpty() {
        String paid = order();
        String refunded = order();
        gateway.pay(paid, told(Behaviour.PAID), Money.of("12.34"), "x");
        gateway.pay(refunded, told(Behaviour.PAID), Money.of("5.00"), "x");
        gateway.refund(refunded, "R" + refunded, Money.of("5.00"), Money.of("1.50"));
        simulator.plantPaid("PLANTED" + paid, new java.math.BigDecimal("7.77"));
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

        assertThat(gateway.statement(today))
                .extracting(StatementLine::orderNo, StatementLine::refundNo, StatementLine::money)
                .containsExactlyInAnyOrder(
                        tuple(paid, null, Money.of("12.34")),
                        tuple(refunded, null, Money.of("5.00")),
                        tuple(refunded, "R" + refunded, Money.of("-1.50")),
                        tuple("PLANTED" + paid, null, Money.of("7.77")));
        assertThat(gateway.statement(today.minusDays(3))).isEmpty();
    }

    @Test
    void thePrivateKeyNeverTravelsAndTheSettingsNeverPrintIt() {
        gateway.pay(order(), told(Behaviour.PAID), Money.of("1.00"), "x");
        String privateKey = base64(application.getPrivate());

        assertThat(simulator.requests())
                .isNotEmpty()
                .noneMatch(request -> request.contains(privateKey.substring(40, 80)));
        assertThat(new AlipayGateway.Settings(APP_ID, privateKey, "pk", "x", Duration.ZERO, Duration.ZERO).toString())
                .doesNotContain(privateKey);
    }
}
