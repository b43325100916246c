package com.membercard.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.support.Fixtures.TenantFixture;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A tenant's till with a card class of its own rules, and cards opened on it: the world of the
 * money tests. Requests go through the HTTP API as a cashier's POS sends them.
 */
public final class TillFixture {

    /** A card as the till knows it: its code and its secret. */
    public record TestCard(String code, String mac, long memberId) {}

    public final TenantFixture tenant;
    public final long levelId;
    public final long classId;

    private TillFixture(TenantFixture tenant, long levelId, long classId) {
        this.tenant = tenant;
        this.levelId = levelId;
        this.classId = classId;
    }

    /**
     * A fresh tenant whose card class deducts by {@code deductOrder}, earns a point per
     * {@code pointsBasic} yuan, points living {@code pointsValidDays} days (0 = forever).
     */
    public static TillFixture create(Fixtures fixtures, String deductOrder, int pointsBasic, int pointsValidDays) {
        TenantFixture tenant = fixtures.tenant();
        long level = Fixtures.createdId(
                tenant.admin().post("/api/v1/member-levels", Map.of("name", "金卡", "level", 3, "discount", "0.88")));
        Map<String, Object> cardClass = new HashMap<>(Fixtures.cardClass("储值卡"));
        cardClass.put("deductOrder", deductOrder);
        cardClass.put("pointsBasic", pointsBasic);
        cardClass.put("pointsValidDays", pointsValidDays);
        long classId = Fixtures.createdId(tenant.admin().post("/api/v1/card-classes", cardClass));
        return new TillFixture(tenant, level, classId);
    }

    public Api till() {
        return tenant.cashier();
    }

    public TestCard card() {
        return cardWithPin(null);
    }

    /** A card opened with PIN {@code pin} (op19's {@code cardPassword}; null: none). */
    public TestCard cardWithPin(String pin) {
        Map<String, Object> body = Fixtures.member(
                new Fixtures.Catalogue(levelId, classId, 0, 0), "memberTagIds", List.of(), "cardPassword", pin);
        long memberId = Fixtures.createdId(till().post("/api/v1/members", body));
        return new TestCard((String) body.get("cardCode"), (String) body.get("cardMac"), memberId);
    }

    /** A card holding {@code real} of real money and {@code gift} of gift money. */
    public TestCard card(String real, String gift) {
        TestCard card = card();
        assertThat(recharge(card, real, gift).status()).isEqualTo(200);
        return card;
    }

    public Api.Response recharge(TestCard card, String pay, String give) {
        return Fixtures.recharge(till(), card.code(), card.mac(), pay, give);
    }

    /** op29 with serial {@code serial}; the bill keeps {@code remark}. */
    public Api.Response recharge(TestCard card, String pay, String give, String serial, String remark) {
        return Fixtures.recharge(till(), card.code(), card.mac(), pay, give, serial, remark);
    }

    /** op31: recharge {@code rechargeCode} back in cash; the bill keeps {@code remark}. */
    public Api.Response refundRecharge(TestCard card, String rechargeCode, String serial, String remark) {
        return till().post(
                        "/api/v1/recharges/refund",
                        Map.of(
                                "cardCode",
                                card.code(),
                                "mac",
                                card.mac(),
                                "paymentType",
                                1,
                                "rechargeCode",
                                rechargeCode,
                                "remark",
                                remark,
                                "timestamp",
                                serial));
    }

    /** op37; the bill keeps {@code remark}. */
    public Api.Response redeem(TestCard card, long giftId, String serial, String remark) {
        return till().post(
                        "/api/v1/gifts/redeem",
                        Map.of(
                                "cardCode",
                                card.code(),
                                "mac",
                                card.mac(),
                                "giftId",
                                giftId,
                                "remark",
                                remark,
                                "timestamp",
                                serial));
    }

    public Api.Response pay(TestCard card, String money, String order) {
        return till().post(
                        "/api/v1/card-payments",
                        Map.of("cardCode", card.code(), "mac", card.mac(), "money", money, "code", order));
    }

    public Api.Response refund(TestCard card, String money, String order, String serial) {
        Map<String, Object> body =
                new HashMap<>(Map.of("cardCode", card.code(), "mac", card.mac(), "money", money, "code", order));
        if (serial != null) {
            body.put("timestamp", serial);
        }
        return till().post("/api/v1/card-payments/refund", body);
    }

    /** op35: {@code old}, proved by its secret, replaced by a new card with the secret {@code mac}. */
    public Api.Response replace(TestCard old, String mac, String serial) {
        return till().post(
                        "/api/v1/cards/replace",
                        Map.of(
                                "cardCode", Fixtures.unique("N"),
                                "mac", mac,
                                "oldCardCode", old.code(),
                                "oldMac", old.mac(),
                                "timestamp", serial));
    }

    /** op08's view of the card (code and secret). */
    public JsonNode view(TestCard card) {
        Api.Response answer = till().get("/api/v1/cards?cardCode=" + card.code());
        assertThat(answer.http()).as(answer.toString()).isEqualTo(200);
        return answer.body();
    }

    public BigDecimal real(TestCard card) {
        return view(card).path("actualBalance").decimalValue();
    }

    public BigDecimal gift(TestCard card) {
        return view(card).path("giveBalance").decimalValue();
    }

    public long points(TestCard card) {
        return view(card).path("actualPoints").asLong();
    }
}
