package com.membercard.scanpay;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.scanpay.PaymentGateway.Status;
import com.membercard.shared.Money;
import com.membercard.shared.PaymentType;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The sandbox's documented payment-code rules, and the wallets of payment codes. */
class SandboxGatewayTest {

    private final Clock clock = Clock.system(ZoneId.of("Asia/Shanghai"));
    private final SandboxGateway sandbox = new SandboxGateway(clock, Duration.ofMillis(300));
    private final Money ten = Money.of("10.00");

    private static String code(String rule) {
        return "1340000000000000" + rule;
    }

    @Test
    void everyRuleAnswersAsDocumented() {
        assertThat(sandbox.pay("o00", code("00"), ten, "x").status()).isEqualTo(Status.SUCCESS);
        assertThat(sandbox.pay("o00", code("00"), ten, "x").transactionId()).isNotBlank();
        assertThat(sandbox.pay("o01", code("01"), ten, "x").status()).isEqualTo(Status.FAILED);
        assertThat(sandbox.pay("o06", code("06"), ten, "x").status()).isEqualTo(Status.CODE_EXPIRED);

        assertThat(sandbox.pay("o02", code("02"), ten, "x").status()).isEqualTo(Status.PAYING);
        assertThat(sandbox.query("o02").status()).isEqualTo(Status.PAYING);
        assertThat(sandbox.query("o02").status()).isEqualTo(Status.SUCCESS);

        assertThat(sandbox.pay("o03", code("03"), ten, "x").status()).isEqualTo(Status.PAYING);
        assertThat(sandbox.query("o03").status()).isEqualTo(Status.PAYING);
        assertThat(sandbox.reverse("o03").status()).isEqualTo(Status.SUCCESS);
        assertThat(sandbox.query("o03").status()).isEqualTo(Status.REVERSED);

        assertThat(sandbox.pay("o08", code("08"), ten, "x").status()).isEqualTo(Status.PAYING);
        assertThat(sandbox.reverse("o08").status()).isEqualTo(Status.UNKNOWN);
        assertThat(sandbox.reverse("o08").status()).isEqualTo(Status.SUCCESS);

        assertThat(sandbox.pay("o04", code("04"), ten, "x").status()).isEqualTo(Status.UNKNOWN);
        assertThat(sandbox.query("o04").status()).isEqualTo(Status.SUCCESS);
        assertThat(sandbox.pay("o05", code("05"), ten, "x").status()).isEqualTo(Status.UNKNOWN);
        assertThat(sandbox.query("o05").status()).isEqualTo(Status.NOT_FOUND);

        long start = System.nanoTime();
        assertThat(sandbox.pay("o07", code("07"), ten, "x").status()).isEqualTo(Status.SUCCESS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void refundsNeverExceedThePaymentAndRepeatByTheirNumber() {
        sandbox.pay("r1", code("00"), ten, "x");
        assertThat(sandbox.refund("r1", "f1", ten, Money.of("6.00")).status()).isEqualTo(Status.SUCCESS);
        assertThat(sandbox.refund("r1", "f1", ten, Money.of("6.00")).status()).isEqualTo(Status.SUCCESS);
        assertThat(sandbox.refund("r1", "f2", ten, Money.of("4.01")).status()).isEqualTo(Status.FAILED);
        assertThat(sandbox.refund("r1", "f2", ten, Money.of("4.00")).status()).isEqualTo(Status.SUCCESS);

        sandbox.pay("r9", code("09"), ten, "x");
        assertThat(sandbox.refund("r9", "g1", ten, ten).status()).isEqualTo(Status.UNKNOWN);
        assertThat(sandbox.refundQuery("r9", "g1").status()).isEqualTo(Status.SUCCESS);

        assertThat(sandbox.statement(LocalDate.now(clock)))
                .extracting(PaymentGateway.StatementLine::money)
                .containsExactlyInAnyOrder(ten, ten, Money.of("-6.00"), Money.of("-4.00"), ten.negate());
    }

    @Test
    void walletsAreKnownByPrefixAndLength() {
        assertThat(Wallet.ofPayCode("134567890123456789")).contains(Wallet.WECHAT);
        assertThat(Wallet.ofPayCode("104567890123456789")).contains(Wallet.WECHAT);
        assertThat(Wallet.ofPayCode("164567890123456789")).isEmpty();
        assertThat(Wallet.ofPayCode("13456789012345678")).isEmpty();
        assertThat(Wallet.ofPayCode("284567890123456789")).contains(Wallet.ALIPAY);
        assertThat(Wallet.ofPayCode("2845678901234567")).contains(Wallet.ALIPAY);
        assertThat(Wallet.ofPayCode("284567890123456")).isEmpty();
        assertThat(Wallet.ofPayCode("6212345678901234567")).contains(Wallet.UNIONPAY);
        assertThat(Wallet.ofPayCode("621234567890123456")).isEmpty();
        assertThat(Wallet.ofPayCode("13456789012345678a")).isEmpty();
        assertThat(Wallet.ofPayCode(null)).isEmpty();
        assertThat(Wallet.ofPayCode("6212345678901234567").map(Wallet::paymentType))
                .contains(PaymentType.UNIONPAY);
    }
}
