package com.membercard.reliability.bank;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.reliability.bank.Operation.Intent;
import com.membercard.reliability.bank.Operation.Kind;
import com.membercard.reliability.bank.Operation.Outcome;
import com.membercard.shared.Money;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The checker finds what it is there to find: fabricated tills' records and ledgers, consistent,
 * then each spoilt in one way (a bill behind the service's back, a lost or doubled request, a till
 * lying about an answer, money that does not add up).
 */
class BankCheckerTest {

    private static final String CARD = "C1";

    private static final Intent OPENING =
            Intent.recharge(Kind.OPENING, CARD, "OPEN-1", money("100.00"), money("50.00"));
    private static final Intent PAYMENT = Intent.payment(CARD, "ORDER-1", money("30.00"));
    private static final Intent REFUND = Intent.paymentRefund(CARD, "ORDER-1", "REFUND-1", money("15.00"));
    private static final Intent RECHARGE = Intent.recharge(Kind.RECHARGE, CARD, "RC-1", money("20.00"), money("2.00"));
    private static final Intent RECHARGE_REFUND = Intent.rechargeRefund(CARD, "RR-1", money("20.00"), money("2.00"));
    private static final Intent GIFT = Intent.giftRedemption(CARD, "GIFT-1", 40);

    private final List<Operation> history = new ArrayList<>(List.of(
            acknowledged(OPENING, "150.00"),
            acknowledged(PAYMENT, "120.00"),
            acknowledged(REFUND, "135.00"),
            acknowledged(RECHARGE, "157.00"),
            acknowledged(RECHARGE_REFUND, null),
            new Operation(GIFT, Outcome.REFUSED, 607, null, 1, List.of())));

    private final List<CardLedger.Bill> bills = new ArrayList<>(List.of(
            bill("CZ1", "RECHARGE", null, "OPEN-1", "150.00", "100.00", "50.00", 0, "150.00"),
            bill("XF2", "CARD_PAYMENT", "ORDER-1", null, "30.00", "-20.00", "-10.00", 30, "120.00"),
            bill("TX3", "PAYMENT_REFUND", "ORDER-1", null, "15.00", "10.00", "5.00", -15, "135.00"),
            bill("CZ4", "RECHARGE", null, "RC-1", "22.00", "20.00", "2.00", 0, "157.00"),
            bill("TC5", "RECHARGE_REFUND", null, "RR-1", "22.00", "-20.00", "-2.00", 0, "135.00")));

    @Test
    void findsNothingWrongWhenEveryAnswerMatchesTheLedger() {
        BankChecker.Verdict verdict = check("90.00", "45.00");

        assertThat(verdict.anomalies()).isEmpty();
        assertThat(verdict.real().expected()).isEqualTo(money("90.00"));
        assertThat(verdict.real().moved()).containsEntry(Kind.PAYMENT, money("-20.00"));
        assertThat(verdict.gift().held()).isEqualTo(money("45.00"));
    }

    @Test
    void findsABillInsertedBehindTheServicesBack() {
        bills.add(bill("XF9", "CARD_PAYMENT", "ORDER-9", null, "5.00", "-5.00", "0.00", 5, "130.00"));

        assertThat(check("85.00", "45.00").anomalies())
                .hasSize(2)
                .anySatisfy(a -> assertThat(a).contains("XF9", "answers no request"))
                .anySatisfy(a -> assertThat(a).contains("holds real 85.00", "add up to 90.00"));
    }

    @Test
    void findsAnAcknowledgedPaymentThatLeftNoBill() {
        bills.remove(1);

        assertThat(check("110.00", "55.00").anomalies())
                .singleElement()
                .asString()
                .contains("PAYMENT ORDER-1", "acknowledged", "took effect 0 times");
    }

    @Test
    void findsARefusedRequestThatTookEffect() {
        bills.add(bill("DH6", "GIFT_REDEMPTION", null, "GIFT-1", "0.00", "0.00", "0.00", -40, "135.00"));

        assertThat(check("90.00", "45.00").anomalies())
                .singleElement()
                .asString()
                .contains("GIFT_REDEMPTION GIFT-1", "refused (607), took effect 1 times");
    }

    @Test
    void findsARequestThatTookEffectTwice() {
        bills.add(bill("CZ7", "RECHARGE", null, "RC-1", "22.00", "20.00", "2.00", 0, "157.00"));

        assertThat(check("110.00", "47.00").anomalies())
                .anySatisfy(a -> assertThat(a).contains("RECHARGE RC-1", "took effect 2 times"));
    }

    @Test
    void letsAnUnansweredRequestTakeEffectOnceButNotTwice() {
        history.set(3, new Operation(RECHARGE, Outcome.UNANSWERED, 0, null, 40, List.of()));
        assertThat(check("90.00", "45.00").anomalies()).isEmpty();

        bills.add(bill("CZ7", "RECHARGE", null, "RC-1", "22.00", "20.00", "2.00", 0, "157.00"));
        assertThat(check("110.00", "47.00").anomalies())
                .anySatisfy(a -> assertThat(a).contains("unanswered", "took effect 2 times"));
    }

    @Test
    void findsATillWhoseAcknowledgementDisagreesWithTheBill() {
        history.set(1, acknowledged(PAYMENT, "119.99"));

        assertThat(check("90.00", "45.00").anomalies())
                .singleElement()
                .asString()
                .contains("answered with balance 119.99", "left 120.00");
    }

    @Test
    void findsABillThatMovedOtherMoneyThanAsked() {
        bills.set(2, bill("TX3", "PAYMENT_REFUND", "ORDER-1", null, "15.00", "10.00", "5.01", -15, "135.00"));

        assertThat(check("90.00", "45.01").anomalies())
                .singleElement()
                .asString()
                .contains("REFUND-1", "moved real 10.00, gift 5.01");
    }

    @Test
    void findsACardHoldingOtherMoneyThanItsRequestsAddUpTo() {
        assertThat(check("90.01", "45.00").anomalies())
                .singleElement()
                .asString()
                .contains("holds real 90.01", "add up to 90.00");
    }

    @Test
    void findsAPotBelowZero() {
        List<String> anomalies = BankChecker.check(
                        history, List.of(new CardLedger(CARD, money("90.00"), money("45.00"), -1, bills)), List.of())
                .anomalies();

        assertThat(anomalies).singleElement().asString().contains("points -1");
    }

    @Test
    void findsAnswersNoTillShouldGet() {
        history.set(5, new Operation(GIFT, Outcome.REFUSED, 602, null, 1, List.of()));
        history.set(1, new Operation(PAYMENT, Outcome.ACKNOWLEDGED, 801, money("120.00"), 1, List.of("500", "500")));

        assertThat(check("90.00", "45.00").anomalies())
                .hasSize(3)
                .anySatisfy(a -> assertThat(a).contains("refused with 602"))
                .anySatisfy(a -> assertThat(a).contains("5xx 2 times"))
                .anySatisfy(a -> assertThat(a).contains("801 on its first attempt"));
    }

    @Test
    void passesOnWhatTheReconciliationFound() {
        List<String> anomalies = BankChecker.check(history, List.of(card("90.00", "45.00")), List.of("C1 balance"))
                .anomalies();

        assertThat(anomalies).containsExactly("the reconciliation reports C1 balance");
    }

    private static final Intent SCAN_PAID = Intent.scanPayment("SCAN-1", money("50.00"));
    private static final Intent SCAN_REFUSED = Intent.scanPayment("SCAN-2", money("8.00"));
    private static final Intent SCAN_REFUND = Intent.scanRefund("SCAN-1", "SR-1", money("30.00"));
    private static final Intent SCAN_REFUND_REST = Intent.scanRefund("SCAN-1", "SR-2", money("20.00"));

    /** A scan payment, a refused one and two refunds of the first that add up to it: all consistent. */
    private List<Operation> withScanPay() {
        List<Operation> all = new ArrayList<>(history);
        all.add(acknowledged(SCAN_PAID, null));
        all.add(new Operation(SCAN_REFUSED, Outcome.REFUSED, 702, null, 1, List.of()));
        all.add(acknowledged(SCAN_REFUND, null));
        all.add(acknowledged(SCAN_REFUND_REST, null));
        return all;
    }

    private List<String> scanPayAnomalies(List<Operation> all, ScanPayEnd end) {
        return BankChecker.check(all, List.of(card("90.00", "45.00")), List.of(), end)
                .anomalies();
    }

    @Test
    void findsNothingWrongWhenScanPayAgreesWithTheGateway() {
        ScanPayEnd end = new ScanPayEnd(Map.of("SCAN-1", 701, "SCAN-2", 702), 0, List.of(), "");

        assertThat(scanPayAnomalies(withScanPay(), end)).isEmpty();
    }

    @Test
    void findsAnAcknowledgedScanPaymentThatEndsUnpaidAndARefusedOneThatEndsPaid() {
        ScanPayEnd end = new ScanPayEnd(Map.of("SCAN-1", 1003, "SCAN-2", 701), 0, List.of(), "");

        assertThat(scanPayAnomalies(withScanPay(), end))
                .anySatisfy(a -> assertThat(a).contains("SCAN_PAYMENT SCAN-1", "acknowledged", "ends 1003"))
                .anySatisfy(a -> assertThat(a).contains("SCAN_PAYMENT SCAN-2", "refused", "ends paid"));
    }

    @Test
    void findsScanRefundsBeyondThePayment() {
        List<Operation> all = withScanPay();
        all.add(acknowledged(Intent.scanRefund("SCAN-1", "SR-3", money("0.01")), null));
        ScanPayEnd end = new ScanPayEnd(Map.of("SCAN-1", 701, "SCAN-2", 702), 0, List.of(), "");

        assertThat(scanPayAnomalies(all, end))
                .singleElement()
                .asString()
                .contains("SCAN-1", "50.01", "more than its payment 50.00");
    }

    @Test
    void findsAttemptsLeftOpenAndEveryDifferenceWithTheGateway() {
        ScanPayEnd end = new ScanPayEnd(
                Map.of("SCAN-1", 701, "SCAN-2", 702),
                2,
                List.of("{\"difference\":\"MISSING_HERE\",\"gatewayOrderNo\":\"P1X9\"}"),
                "");

        assertThat(scanPayAnomalies(withScanPay(), end))
                .hasSize(2)
                .anySatisfy(a -> assertThat(a).contains("2 scan pay attempts are still open"))
                .anySatisfy(a -> assertThat(a).contains("disagree", "MISSING_HERE", "P1X9"));
    }

    @Test
    void takesTheBillsOfAnOnlineBalanceRefundTogetherAndFindsThemShort() {
        history.add(acknowledged(Intent.onlineBalanceRefund(CARD, "OB-1", money("30.00")), null));
        bills.add(bill("TY6", "BALANCE_REFUND", null, "OB-1", "30.00", "-20.00", "-10.00", 0, "115.00"));
        bills.add(bill("TY7", "BALANCE_REFUND", null, "OB-1", "30.00", "-10.00", "-5.00", 0, "100.00"));

        assertThat(check("60.00", "30.00").anomalies()).isEmpty();

        bills.remove(bills.size() - 1);
        assertThat(check("70.00", "35.00").anomalies())
                .hasSize(2)
                .anySatisfy(a -> assertThat(a).contains("ONLINE_BALANCE_REFUND OB-1", "moved real -20.00"))
                .anySatisfy(a -> assertThat(a).contains("holds real 70.00", "add up to 60.00"));
    }

    private BankChecker.Verdict check(String real, String gift) {
        return BankChecker.check(history, List.of(card(real, gift)), List.of());
    }

    private CardLedger card(String real, String gift) {
        return new CardLedger(CARD, money(real), money(gift), 15, bills);
    }

    private static Operation acknowledged(Intent intent, String balanceAfter) {
        return new Operation(
                intent, Outcome.ACKNOWLEDGED, 200, balanceAfter == null ? null : money(balanceAfter), 1, List.of());
    }

    private static CardLedger.Bill bill(
            String billNo,
            String kind,
            String order,
            String remark,
            String amount,
            String real,
            String gift,
            long points,
            String balanceAfter) {
        return new CardLedger.Bill(
                billNo, kind, order, remark, money(amount), money(real), money(gift), points, money(balanceAfter));
    }

    private static Money money(String amount) {
        return Money.of(amount);
    }
}
