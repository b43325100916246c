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

/**
 * The actor of a bill and of a card event cannot be forged by the request (issue 10, item 7):
 * {@code userId} names the cashier it is done for, and the credential that sent it (the API key, or
 * the operator signed in) is recorded beside it, whatever the request names.
 */
@IntegrationTest
class ActorRecordedTest {

    @Autowired
    Fixtures fixtures;

    TillFixture till;
    long cashierX;
    long cashierB;

    @BeforeEach
    void aTenantWithTwoCashiers() {
        till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        cashierX = operator();
        cashierB = operator();
    }

    @Test
    void aBillMadeWithAnApiKeyNamingACashierRecordsTheKeyAndTheCashier() {
        TestCard card = till.card();

        Api.Response answer = recharge(till.till(), card, cashierX);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(lastBill(card))
                .containsEntry("operator_id", cashierX)
                .containsEntry("api_key_id", keyId(till.till()))
                .containsEntry("signed_in_operator_id", null);
    }

    @Test
    void aBillMadeByASignedInOperatorNamingAnotherRecordsBoth() {
        TestCard card = till.card();

        Api.Response answer = recharge(till.tenant.admin(), card, cashierB);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(lastBill(card))
                .containsEntry("operator_id", cashierB)
                .containsEntry("api_key_id", null)
                .containsEntry("signed_in_operator_id", adminId());
    }

    @Test
    void aBillMadeByASignedInOperatorNamingNobodyRecordsThemTwice() {
        TestCard card = till.card();

        assertThat(recharge(till.tenant.admin(), card, null).status()).isEqualTo(200);

        assertThat(lastBill(card))
                .containsEntry("operator_id", adminId())
                .containsEntry("signed_in_operator_id", adminId());
    }

    @Test
    void aCardEventRecordsTheSignedInOperatorBesideTheNamedCashier() {
        TestCard card = till.card();

        Api.Response lost = till.tenant
                .admin()
                .post(
                        "/api/v1/cards/report-loss",
                        Map.of("cardCode", card.code(), "userId", cashierB, "timestamp", Fixtures.unique("loss")));

        assertThat(lost.status()).as(lost.toString()).isEqualTo(200);
        assertThat(lastEvent(card))
                .containsEntry("kind", "REPORTED_LOST")
                .containsEntry("operator_id", cashierB)
                .containsEntry("api_key_id", null)
                .containsEntry("signed_in_operator_id", adminId());
    }

    @Test
    void aReplacementRecordsTheCredentialBesideTheNamedCashierOnItsCardEventAndItsBill() {
        TestCard byKey = till.card("10.00", "0");
        TestCard bySignedIn = till.card("10.00", "0");

        Api.Response withKey = replace(till.till(), byKey, cashierX);
        Api.Response signedIn = replace(till.tenant.admin(), bySignedIn, cashierB);

        assertThat(withKey.status()).as(withKey.toString()).isEqualTo(200);
        assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(200);
        Map<String, Object> keyAndCashier = Map.of("operator_id", cashierX, "api_key_id", keyId(till.till()));
        assertThat(lastEvent(byKey))
                .containsEntry("kind", "REPLACED")
                .containsAllEntriesOf(keyAndCashier)
                .containsEntry("signed_in_operator_id", null);
        assertThat(lastBill(byKey))
                .containsEntry("kind", "CARD_REPLACEMENT")
                .containsAllEntriesOf(keyAndCashier)
                .containsEntry("signed_in_operator_id", null);
        for (Map<String, Object> row : List.of(lastEvent(bySignedIn), lastBill(bySignedIn))) {
            assertThat(row)
                    .containsEntry("operator_id", cashierB)
                    .containsEntry("api_key_id", null)
                    .containsEntry("signed_in_operator_id", adminId());
        }
        assertThat(lastEvent(bySignedIn)).containsEntry("kind", "REPLACED");
        assertThat(lastBill(bySignedIn)).containsEntry("kind", "CARD_REPLACEMENT");
    }

    /** op35 of {@code old}, proved by its secret, onto a new card, done for {@code userId}. */
    private static Api.Response replace(Api caller, TestCard old, long userId) {
        return caller.post(
                "/api/v1/cards/replace",
                Map.of(
                        "cardCode",
                        Fixtures.unique("N"),
                        "mac",
                        Fixtures.unique("new-secret"),
                        "oldCardCode",
                        old.code(),
                        "oldMac",
                        old.mac(),
                        "userId",
                        userId,
                        "timestamp",
                        Fixtures.unique("RP")));
    }

    private Api.Response recharge(Api caller, TestCard card, Long userId) {
        Map<String, Object> body = new HashMap<>(Map.of(
                "cardCode",
                card.code(),
                "mac",
                card.mac(),
                "payMoney",
                "10.00",
                "giveMoney",
                "0",
                "details",
                List.of(Map.of("paymentType", 1, "money", "10.00")),
                "timestamp",
                Fixtures.unique("RC")));
        if (userId != null) {
            body.put("userId", userId);
        }
        return caller.post("/api/v1/recharges", body);
    }

    private long operator() {
        return Fixtures.createdId(
                till.tenant.admin().post("/api/v1/operators", Fixtures.operator(Fixtures.unique("op"))));
    }

    /** The newest card event of {@code card}: its kind and who did it. */
    private Map<String, Object> lastEvent(TestCard card) {
        return fixtures.jdbc()
                .sql("""
                        select e.kind, e.operator_id, e.api_key_id, e.signed_in_operator_id from card_event e
                        join card c on c.tenant_id = e.tenant_id and c.id = e.card_id
                        where c.tenant_id = :tenant and c.code = :code order by e.id desc limit 1""")
                .param("tenant", till.tenant.id())
                .param("code", card.code())
                .query()
                .singleRow();
    }

    /** The newest bill of {@code card}: its kind and who made it. */
    private Map<String, Object> lastBill(TestCard card) {
        return fixtures.jdbc()
                .sql("""
                        select b.kind, b.operator_id, b.api_key_id, b.signed_in_operator_id from bill b
                        join card c on c.tenant_id = b.tenant_id and c.id = b.card_id
                        where c.tenant_id = :tenant and c.code = :code order by b.id desc limit 1""")
                .param("tenant", till.tenant.id())
                .param("code", card.code())
                .query()
                .singleRow();
    }

    private long adminId() {
        return fixtures.jdbc()
                .sql("select id from operator where lower(username) = lower(:username)")
                .param("username", till.tenant.adminUsername())
                .query(Long.class)
                .single();
    }

    private long keyId(Api caller) {
        return fixtures.jdbc()
                .sql("select id from api_key where key_hash = encode(sha256(convert_to(:key, 'UTF8')), 'hex')")
                .param("key", caller.credential())
                .query(Long.class)
                .single();
    }
}
