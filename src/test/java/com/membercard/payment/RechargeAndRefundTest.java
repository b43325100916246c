package com.membercard.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.support.Api;
import com.membercard.support.Fixtures;
import com.membercard.support.IntegrationTest;
import com.membercard.support.TillFixture;
import com.membercard.support.TillFixture.TestCard;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** op29 recharges; op17/op31 recharge refunds; op18/op32 balance refunds; op30 returns. */
@IntegrationTest
class RechargeAndRefundTest {

    @Autowired
    Fixtures fixtures;

    TillFixture till;

    @BeforeEach
    void freshTill() {
        till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
    }

    @Test
    void op29AddsPayToRealAndGiveToGiftAndKeepsThePaymentSplit() {
        TestCard card = till.card();

        Api.Response answer = recharge(
                card,
                Map.of(
                        "payMoney",
                        "100.00",
                        "giveMoney",
                        "20.00",
                        "money",
                        "120.00",
                        "details",
                        List.of(detail(1, "30.00"), detail(3, "70.00"))));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.data().path("rechargeCode").asString()).startsWith("CZ");
        assertThat(answer.data().path("balance").decimalValue()).isEqualByComparingTo("120.00");
        JsonNode view = till.view(card);
        assertThat(view.path("actualBalance").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(view.path("giveBalance").decimalValue()).isEqualByComparingTo("20.00");
        assertThat(view.path("totalRecharge").decimalValue()).isEqualByComparingTo("120.00");
        long records =
                fixtures.jdbc().sql("""
                        select count(*) from payment_record r join card c on c.id = r.card_id where c.code = ?""").param(card.code()).query(Long.class).single();
        assertThat(records).isEqualTo(2);
    }

    @Test
    void aFixedPlanDecidesTheGiftAndARefusedPlanAnswers1001() {
        long plan = Fixtures.createdId(till.tenant
                .admin()
                .post(
                        "/api/v1/recharge-plans",
                        Map.of("name", "充100送20", "money", "120", "payMoney", "100", "giveMoney", "20")));
        long expired = Fixtures.createdId(till.tenant
                .admin()
                .post(
                        "/api/v1/recharge-plans",
                        Map.of(
                                "name",
                                "旧方案",
                                "money",
                                "110",
                                "payMoney",
                                "100",
                                "giveMoney",
                                "10",
                                "endTime",
                                "2020-01-01")));
        long unused = Fixtures.createdId(till.tenant
                .admin()
                .post(
                        "/api/v1/recharge-plans",
                        Map.of("name", "停用", "money", "110", "payMoney", "100", "giveMoney", "10", "inUse", false)));
        TestCard card = till.card();

        Api.Response applied =
                recharge(card, Map.of("payMoney", "100.00", "planId", plan, "details", List.of(detail(1, "100.00"))));
        Api.Response wrongAmount =
                recharge(card, Map.of("payMoney", "90.00", "planId", plan, "details", List.of(detail(1, "90.00"))));

        assertThat(applied.data().path("giveMoney").decimalValue()).isEqualByComparingTo("20.00");
        assertThat(wrongAmount.data().path("field").asString()).isEqualTo("payMoney");
        assertThat(recharge(card, Map.of("payMoney", "100.00", "planId", expired, "details", List.of(detail(1, "100"))))
                        .status())
                .isEqualTo(1001);
        assertThat(recharge(card, Map.of("payMoney", "100.00", "planId", unused, "details", List.of(detail(1, "100"))))
                        .status())
                .isEqualTo(1001);
        assertThat(till.gift(card)).isEqualByComparingTo("20.00");
    }

    @Test
    void aModifiablePlanGivesInProportion() {
        long plan = Fixtures.createdId(till.tenant
                .admin()
                .post(
                        "/api/v1/recharge-plans",
                        Map.of(
                                "name",
                                "充500送80",
                                "money",
                                "580",
                                "payMoney",
                                "500",
                                "giveMoney",
                                "80",
                                "moneyModifiable",
                                true)));
        TestCard card = till.card();

        Api.Response answer =
                recharge(card, Map.of("payMoney", "250.00", "planId", plan, "details", List.of(detail(4, "250.00"))));

        assertThat(answer.data().path("giveMoney").decimalValue()).isEqualByComparingTo("40.00");
        assertThat(answer.data().path("money").decimalValue()).isEqualByComparingTo("290.00");
    }

    @Test
    void aClassThatCannotRechargeAnswers611() {
        Map<String, Object> noRecharge = new HashMap<>(Fixtures.cardClass("积分卡"));
        noRecharge.put("canRecharge", false);
        long classId = Fixtures.createdId(till.tenant.admin().post("/api/v1/card-classes", noRecharge));
        Map<String, Object> body =
                Fixtures.member(new Fixtures.Catalogue(till.levelId, classId, 0, 0), "memberTagIds", List.of());
        till.till().post("/api/v1/members", body);
        TestCard card = new TestCard((String) body.get("cardCode"), (String) body.get("cardMac"), 0);

        assertThat(till.recharge(card, "10.00", "0").status()).isEqualTo(611);
    }

    @Test
    void badRechargesAreRefusedNamingTheFieldAndChangeNothing() {
        TestCard card = till.card();
        till.tenant.admin().put("/api/v1/settings/recharge-payment-types", List.of(Map.of("key", 9, "value", false)));
        Object[][] cases = {
            {Map.of("payMoney", "10.00", "details", List.of(detail(2, "10.00"))), "details[0].paymentType"},
            {Map.of("payMoney", "10.00", "details", List.of(detail(9, "10.00"))), "details[0].paymentType"},
            {Map.of("payMoney", "10.00", "details", List.of(detail(11, "10.00"))), "details[0].paymentType"},
            {Map.of("payMoney", "10.00", "details", List.of(detail(1, "9.00"))), "details"},
            {Map.of("payMoney", "10.00", "details", List.of()), "details"},
            {
                Map.of("payMoney", "10.00", "money", "12.00", "giveMoney", "1.00", "details", List.of(detail(1, "10"))),
                "money"
            },
            {Map.of("payMoney", "0", "details", List.of(detail(1, "0"))), "details[0].money"},
            {Map.of("payMoney", "10.001", "details", List.of(detail(1, "10.001"))), "details[0].money"},
            {Map.of("payMoney", "10.00", "giveMoney", "-1", "details", List.of(detail(1, "10"))), "giveMoney"},
            {Map.of("payMoney", "10.00", "planId", 987654321, "details", List.of(detail(1, "10"))), null},
        };
        for (Object[] bad : cases) {
            @SuppressWarnings("unchecked")
            Api.Response answer = recharge(card, (Map<String, Object>) bad[0]);

            if (bad[1] == null) {
                assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
            } else {
                assertThat(answer.status()).as("%s: %s", bad[1], answer).isEqualTo(400);
                assertThat(answer.data().path("field").asString()).isEqualTo(bad[1]);
            }
        }
        assertThat(till.view(card).path("balance").decimalValue()).isZero();
    }

    @Test
    void op17ProposesTheNewestRefundableRechargeAndOp31RefundsItOnce() {
        TestCard card = till.card("50.00", "5.00");
        till.recharge(card, "100.00", "20.00");

        JsonNode draft = till.till()
                .get("/api/v1/recharges/refund-draft?cardCode=" + card.code())
                .body();

        assertThat(draft.path("payMoney").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(draft.path("giveMoney").decimalValue()).isEqualByComparingTo("20.00");
        assertThat(draft.path("rechargeCode").asString()).startsWith("CZ");
        Map<String, Object> refund = Map.of(
                "cardCode",
                card.code(),
                "mac",
                card.mac(),
                "paymentType",
                1,
                "rechargeCode",
                draft.path("rechargeCode").asString(),
                "timestamp",
                "RR-1");
        assertThat(till.till().post("/api/v1/recharges/refund", refund).status())
                .isEqualTo(200);
        assertThat(till.real(card)).isEqualByComparingTo("50.00");
        assertThat(till.gift(card)).isEqualByComparingTo("5.00");
        assertThat(till.view(card).path("totalRecharge").decimalValue()).isEqualByComparingTo("55.00");

        Map<String, Object> again = new HashMap<>(refund);
        again.put("timestamp", "RR-2");
        assertThat(till.till().post("/api/v1/recharges/refund", again).status()).isEqualTo(612);
    }

    @Test
    void aRechargeWhoseMoneyWasSpentCannotBeRefunded() {
        TestCard card = till.card("100.00", "0");
        String code = till.till()
                .get("/api/v1/recharges/refund-draft?cardCode=" + card.code())
                .body()
                .path("rechargeCode")
                .asString();
        till.pay(card, "1.00", "SPENT-1");

        Api.Response answer = till.refundRecharge(card, code, "RR-3", "spent meanwhile");

        assertThat(answer.status()).isEqualTo(605);
        assertThat(till.till()
                        .get("/api/v1/recharges/refund-draft?cardCode=" + card.code())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void op18ProposesTheWholeBalanceAlongTheRecordsAndOp32PaysItBack() {
        TestCard card = till.card();
        recharge(card, Map.of("payMoney", "60.00", "giveMoney", "6.00", "details", List.of(detail(1, "60.00"))));
        recharge(card, Map.of("payMoney", "40.00", "giveMoney", "4.00", "details", List.of(detail(3, "40.00"))));

        JsonNode draft = till.till()
                .get("/api/v1/balance-refunds/draft?cardCode=" + card.code())
                .body();

        assertThat(draft.path("payMoney").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(draft.path("giveMoney").decimalValue()).isEqualByComparingTo("10.00");
        assertThat(draft.path("refundMoney").decimalValue())
                .as("the WeChat part")
                .isEqualByComparingTo("40.00");
        assertThat(draft.path("details").get(0).path("paymentType").asInt())
                .as("newest first")
                .isEqualTo(3);
        assertThat(draft.path("timestampNow").asString()).isNotBlank();

        Api.Response half = till.till()
                .post(
                        "/api/v1/balance-refunds",
                        Map.of(
                                "cardCode",
                                card.code(),
                                "mac",
                                card.mac(),
                                "paymentType",
                                1,
                                "payMoney",
                                "50.00",
                                "timestampNow",
                                draft.path("timestampNow").asString()));

        assertThat(half.status()).isEqualTo(200);
        assertThat(till.real(card)).isEqualByComparingTo("50.00");
        assertThat(till.gift(card))
                .as("half the gift is forfeited with half the money")
                .isEqualByComparingTo("5.00");
    }

    @Test
    void op32RefusesMoreThanAPaymentRecordHasLeft() {
        TestCard card = till.card("30.00", "0");
        long recordId =
                fixtures.jdbc().sql("""
                        select r.id from payment_record r join card c on c.id = r.card_id where c.code = ?""").param(card.code()).query(Long.class).single();

        Api.Response answer = till.till()
                .post(
                        "/api/v1/balance-refunds",
                        Map.of(
                                "cardCode",
                                card.code(),
                                "mac",
                                card.mac(),
                                "paymentType",
                                1,
                                "payMoney",
                                "30.01",
                                "timestamp",
                                "BR-1",
                                "details",
                                List.of(Map.of("recordId", recordId, "money", "30.01"))));

        assertThat(answer.status()).isEqualTo(605);
        assertThat(till.till()
                        .post(
                                "/api/v1/balance-refunds",
                                Map.of(
                                        "cardCode",
                                        card.code(),
                                        "mac",
                                        card.mac(),
                                        "paymentType",
                                        1,
                                        "payMoney",
                                        "20.00",
                                        "timestamp",
                                        "BR-2",
                                        "details",
                                        List.of(Map.of("recordId", 987654321, "money", "20.00"))))
                        .data()
                        .path("field")
                        .asString())
                .isEqualTo("details[0].recordId");
        assertThat(till.real(card)).isEqualByComparingTo("30.00");
    }

    @Test
    void op30PaysTheRealBalanceBackForfeitsTheRestAndReturnsTheCard() {
        TestCard card = till.card("40.00", "8.00");
        till.pay(card, "10.00", "BEFORE-RETURN");

        Api.Response answer = till.till()
                .post(
                        "/api/v1/cards/return",
                        Map.of("cardCode", card.code(), "mac", card.mac(), "paymentType", 1, "timestamp", "RET-1"));

        assertThat(answer.status()).isEqualTo(200);
        JsonNode view = till.view(card);
        assertThat(view.path("status").asInt()).isEqualTo(4);
        assertThat(view.path("balance").decimalValue()).isZero();
        assertThat(view.path("actualPoints").asLong()).isZero();
        assertThat(till.till()
                        .get("/api/v1/cards/" + card.code() + "/transactions")
                        .body()
                        .path("data")
                        .get(0)
                        .path("billKind")
                        .asString())
                .isEqualTo("CARD_RETURN");
    }

    @Test
    void theTransactionsOfACardListEveryEntryNewestFirst() {
        TestCard card = till.card("10.00", "0");
        till.pay(card, "3.00", "TX-1");

        Api.Response answer = till.till().get("/api/v1/cards/" + card.code() + "/transactions?pageSize=10");
        JsonNode page = answer.body();

        assertThat(page.path("totalCount").asLong()).isEqualTo(3);
        JsonNode newest = page.path("data").get(0);
        assertThat(newest.path("entryKind").asString()).isEqualTo("POINTS_EARN");
        JsonNode payment = page.path("data").get(1);
        assertThat(payment.path("billNo").asString()).startsWith("XF");
        assertThat(payment.path("orderCode").asString()).isEqualTo("TX-1");
        assertThat(payment.path("realDelta").decimalValue()).isEqualByComparingTo("-3.00");
        assertThat(payment.path("realAfter").decimalValue()).isEqualByComparingTo("7.00");
        assertThat(answer.raw())
                .as("amounts are plain numbers to the fen")
                .contains("\"amount\":3.00,")
                .contains("\"realDelta\":-3.00,\"giftDelta\":0.00,")
                .contains("\"realAfter\":7.00,\"giftAfter\":0.00,");
        assertThat(till.till().get("/api/v1/cards/NO-SUCH/transactions").status())
                .isEqualTo(602);
    }

    @Test
    void theTransactionsNameTheOperatorWhoServed() {
        String username = Fixtures.unique("cashier");
        assertThat(till.tenant
                        .admin()
                        .post("/api/v1/operators", Fixtures.operator(username))
                        .status())
                .isEqualTo(200);
        Api operator = fixtures.anonymous().as(fixtures.login(username, "secret-123"));
        TestCard card = till.card("10.00", "0");
        Map<String, Object> payment =
                Map.of("cardCode", card.code(), "mac", card.mac(), "money", "3.00", "code", Fixtures.unique("OP"));
        assertThat(operator.post("/api/v1/card-payments", payment).status()).isEqualTo(200);

        JsonNode lines = till.till()
                .get("/api/v1/cards/" + card.code() + "/transactions?pageSize=10")
                .body()
                .path("data");

        assertThat(lines.get(0).path("operatorName").asString()).isEqualTo("收银员");
        JsonNode funding = lines.get(lines.size() - 1).path("operatorName");
        assertThat(funding.isNull() || funding.isMissingNode())
                .as("a bill of an API key names no operator: %s", funding)
                .isTrue();
    }

    private Api.Response recharge(TestCard card, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(fields);
        body.put("cardCode", card.code());
        body.put("mac", card.mac());
        body.put("timestamp", Fixtures.unique("RC"));
        return till.till().post("/api/v1/recharges", body);
    }

    private static Map<String, Object> detail(int paymentType, String money) {
        return Map.of("paymentType", paymentType, "money", money);
    }
}
