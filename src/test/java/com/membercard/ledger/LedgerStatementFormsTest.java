package com.membercard.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.membercard.card.Cards;
import com.membercard.shared.Envelope;
import com.membercard.shared.Money;
import com.membercard.shared.idempotency.Idempotency;
import com.membercard.shared.idempotency.SerialRecord;
import com.membercard.shared.jdbc.StatementForm;
import com.membercard.shared.jdbc.TenantNode;
import com.membercard.support.Fixtures;
import com.membercard.support.IntegrationTest;
import com.membercard.support.TillFixture;
import com.membercard.tenancy.Actor;
import com.membercard.tenancy.TenantDirectory;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A bill written in one statement (single node) and in three (the sharded mode, whose SQL parser
 * refuses data-modifying CTEs) lands as the same rows: the same bills posted on two cards that start
 * alike, one per form, leave the same bills, entries and cached totals. After the test the cards
 * reconcile with their ledger ({@code IntegrationTest}).
 */
@IntegrationTest
class LedgerStatementFormsTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TenantNode tenantNode;

    @Autowired
    Cards cards;

    @Autowired
    TenantDirectory tenants;

    @Autowired
    Clock clock;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Idempotency idempotency;

    /** The ledger's writers in one form. */
    private record Writers(Ledger ledger, PointsLots lots) {}

    private Writers writers(boolean separateStatements) {
        StatementForm form = new StatementForm(
                new MockEnvironment().withProperty("membercard.ledger.separate-statements", "" + separateStatements),
                tenantNode);
        return new Writers(
                new Ledger(new JdbcLedger(jdbc, form, tenantNode), tenants, clock),
                new PointsLots(jdbc, form, tenantNode));
    }

    @Test
    void oneStatementAndThreeWriteTheSameRows() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        long tenantId = till.tenant.id();
        Actor actor = new Actor(null, null, till.tenant.shopId(), null);
        long one = cardId(till, till.card("100.00", "20.00"));
        long three = cardId(till, till.card("100.00", "20.00"));
        OffsetDateTime expiry = OffsetDateTime.now(clock).plusDays(30).truncatedTo(ChronoUnit.SECONDS);

        for (long card : List.of(one, three)) {
            Writers writers = writers(card == three);
            transactions.executeWithoutResult(status -> {
                PostedBill payment = writers.ledger()
                        .post(
                                tenantId,
                                Bill.of(
                                        BillKind.CARD_PAYMENT,
                                        card,
                                        actor,
                                        Money.of("12.00"),
                                        null,
                                        List.of(
                                                Entry.payment(card, Money.of("10.00"), Money.of("2.00")),
                                                Entry.pointsEarned(card, 12))),
                                cards.lock(tenantId, card));
                // a card's points are what its lots hold (the reconciliation checks it after the test)
                writers.lots().create(tenantId, card, payment.id(), 12, expiry, OffsetDateTime.now(clock));
                writers.ledger()
                        .post(
                                tenantId,
                                Bill.of(
                                        BillKind.RECHARGE,
                                        card,
                                        actor,
                                        Money.of("50.00"),
                                        "plan",
                                        List.of(Entry.recharge(card, Money.of("50.00"), Money.of("5.00")))),
                                cards.lock(tenantId, card));
            });
        }

        assertThat(rows(tenantId, three))
                .isEqualTo(rows(tenantId, one))
                .hasSize(1 + 2 + 1); // the fixture's recharge, the payment's two entries, the recharge
        assertThat(card(tenantId, three))
                .isEqualTo(card(tenantId, one))
                .isEqualTo("140.00/23.00/163.00/12/12/" + expiry.toEpochSecond());
    }

    @Test
    void aBillForAShopThatDoesNotExistIsRefusedWholeInBothForms() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 0, 0);
        long tenantId = till.tenant.id();
        long card = cardId(till, till.card("10.00", "0"));
        for (boolean separate : List.of(false, true)) {
            Ledger ledger = writers(separate).ledger();
            assertThatThrownBy(() -> transactions.executeWithoutResult(status -> ledger.post(
                            tenantId,
                            Bill.of(
                                    BillKind.CARD_PAYMENT,
                                    card,
                                    new Actor(null, null, Long.MAX_VALUE, null),
                                    Money.of("1.00"),
                                    null,
                                    List.of(Entry.payment(card, Money.of("1.00"), Money.ZERO))),
                            cards.lock(tenantId, card))))
                    .as("separate statements: %s", separate)
                    .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
        }
        assertThat(card(tenantId, card)).startsWith("10.00/");
    }

    @Test
    void theSerialsRecordIsWrittenWithTheBillInOneStatementAndAfterItInThree() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 0, 0);
        long tenantId = till.tenant.id();
        for (boolean separate : List.of(false, true)) {
            Ledger ledger = writers(separate).ledger();
            long card = cardId(till, till.card("10.00", "0"));
            String serial = "forms-record-" + separate;
            Function<SerialRecord, String> pay = record -> {
                String answer = "paid from " + card;
                ledger.post(tenantId, payment(till, card), record.answer(answer), cards.lock(tenantId, card));
                assertThat(record.isWritten())
                        .as("written by the bill's one statement")
                        .isEqualTo(!separate);
                return answer;
            };

            Envelope<String> first = idempotency.once(tenantId, "FORMS_TEST", serial, card, String.class, pay);
            Envelope<String> again = idempotency.once(tenantId, "FORMS_TEST", serial, card, String.class, pay);

            assertThat(first.status()).as("separate statements: %s", separate).isEqualTo(200);
            assertThat(again.status()).as("the replay").isEqualTo(801);
            assertThat(again.data()).isEqualTo(first.data()).isEqualTo("paid from " + card);
            assertThat(card(tenantId, card)).as("paid once").startsWith("9.00/");
            assertThat(serialRecords(tenantId, serial)).containsExactly("\"paid from " + card + "\"");
        }
    }

    @Test
    void aCommandThatRecordsOneAnswerAndReturnsAnotherIsRolledBack() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 0, 0);
        long tenantId = till.tenant.id();
        for (boolean separate : List.of(false, true)) {
            Ledger ledger = writers(separate).ledger();
            long card = cardId(till, till.card("10.00", "0"));
            String serial = "forms-other-answer-" + separate;

            assertThatThrownBy(() -> idempotency.once(tenantId, "FORMS_TEST", serial, card, String.class, record -> {
                        ledger.post(
                                tenantId, payment(till, card), record.answer("recorded"), cards.lock(tenantId, card));
                        return "returned";
                    }))
                    .as("separate statements: %s", separate)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("another answer");
            assertThat(card(tenantId, card)).startsWith("10.00/");
            assertThat(serialRecords(tenantId, serial)).isEmpty();
        }
    }

    private static Bill payment(TillFixture till, long card) {
        return Bill.of(
                BillKind.CARD_PAYMENT,
                card,
                new Actor(null, null, till.tenant.shopId(), null),
                Money.of("1.00"),
                null,
                List.of(Entry.payment(card, Money.of("1.00"), Money.ZERO)));
    }

    private List<String> serialRecords(long tenantId, String serial) {
        return jdbc.sql("select response::text from serial_record where tenant_id = :tenantId and \"serial\" = :serial")
                .param("tenantId", tenantId)
                .param("serial", serial)
                .query(String.class)
                .list();
    }

    @Test
    void aBatchInOneStatementAndInThreeWritesTheSameRowsInItsOrder() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 0, 0);
        long tenantId = till.tenant.id();
        Actor actor = new Actor(null, null, till.tenant.shopId(), null);
        List<List<Long>> pairs = List.of(
                List.of(cardId(till, till.card()), cardId(till, till.card("5.00", "0"))),
                List.of(cardId(till, till.card()), cardId(till, till.card("5.00", "0"))));
        List<List<String>> postedKinds = new java.util.ArrayList<>();
        for (List<Long> pair : pairs) {
            Writers writers = writers(pair == pairs.get(1));
            long first = pair.get(0);
            long second = pair.get(1);
            List<PostedBill> posted = transactions.execute(status -> writers.ledger()
                    .postAll(
                            tenantId,
                            List.of(
                                    opening(first, actor, "3.00", "1.00"),
                                    opening(second, actor, "2.00", "0"),
                                    opening(first, actor, "4.00", "0")),
                            cards.lockAll(tenantId, pair).values()));
            postedKinds.add(posted.stream()
                    .map(bill -> bill.billNo().substring(0, 2) + "@" + bill.businessDate() + "#"
                            + billCard(tenantId, bill.id()))
                    .map(text -> text.replace("#" + first, "#first").replace("#" + second, "#second"))
                    .toList());
        }
        assertThat(postedKinds.get(1))
                .as("the bills answered in the batch's order")
                .isEqualTo(postedKinds.get(0))
                .extracting(text -> text.substring(text.indexOf('#')))
                .containsExactly("#first", "#second", "#first");
        for (int card = 0; card < 2; card++) {
            long one = pairs.get(0).get(card);
            long three = pairs.get(1).get(card);
            assertThat(rows(tenantId, three)).isEqualTo(rows(tenantId, one));
            assertThat(card(tenantId, three)).isEqualTo(card(tenantId, one));
        }
        assertThat(card(tenantId, pairs.get(1).get(0))).startsWith("7.00/1.00/8.00/");
    }

    private static Bill opening(long cardId, Actor actor, String real, String gift) {
        return Bill.of(
                BillKind.OPENING_BALANCE,
                cardId,
                actor,
                Money.of(real).plus(Money.of(gift)),
                "forms test",
                List.of(Entry.openingBalance(cardId, Money.of(real), Money.of(gift), 0)));
    }

    private long billCard(long tenantId, long billId) {
        return jdbc.sql("select card_id from bill where tenant_id = :tenantId and id = :id")
                .param("tenantId", tenantId)
                .param("id", billId)
                .query(Long.class)
                .single();
    }

    private long cardId(TillFixture till, TillFixture.TestCard card) {
        return jdbc.sql("select id from card where tenant_id = :tenantId and code = :code")
                .param("tenantId", till.tenant.id())
                .param("code", card.code())
                .query(Long.class)
                .single();
    }

    /** The card's bills and entries, in order, without ids and numbers. */
    private List<String> rows(long tenantId, long card) {
        return jdbc.sql("""
                        select concat_ws('|', b.kind, b.amount, b.business_date, b.shop_id, b.remark,
                                         left(b.bill_no, 2), e.kind, e.real_delta, e.gift_delta, e.points_delta,
                                         e.recharge_real, e.recharge_gift, e.expense_real, e.expense_gift,
                                         e.points_earned, e.points_used, e.real_after, e.gift_after, e.points_after)
                        from bill b left join ledger_entry e on e.tenant_id = b.tenant_id and e.bill_id = b.id
                        where b.tenant_id = :tenantId and b.card_id = :card
                        order by b.id, e.id
                        """)
                .param("tenantId", tenantId)
                .param("card", card)
                .query(String.class)
                .list();
    }

    /** The card's cached money and points, and when its next points expire. */
    private String card(long tenantId, long card) {
        return jdbc.sql("""
                        select actual_balance || '/' || give_balance || '/' || balance || '/' || actual_points
                               || '/' || total_points || '/' || coalesce(extract(epoch from points_disabled_date)::bigint, 0)
                        from card where tenant_id = :tenantId and id = :card
                        """)
                .param("tenantId", tenantId)
                .param("card", card)
                .query(String.class)
                .single();
    }
}
