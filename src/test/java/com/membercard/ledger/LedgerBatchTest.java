package com.membercard.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.membercard.card.Cards;
import com.membercard.card.LockedCard;
import com.membercard.shared.Money;
import com.membercard.support.Fixtures;
import com.membercard.support.IntegrationTest;
import com.membercard.support.TillFixture;
import com.membercard.support.TillFixture.TestCard;
import com.membercard.tenancy.Actor;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger's batch forms, as the import and the migration post opening balances: bills posted in
 * one statement land as if posted one after the other, and lots added at once set the cards' next
 * expiry. After each test the cards reconcile with their ledger ({@code IntegrationTest}).
 */
@IntegrationTest
class LedgerBatchTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    Ledger ledger;

    @Autowired
    PointsLots lots;

    @Autowired
    Cards cards;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    TillFixture till;
    long tenantId;
    long funded;
    long empty;

    @BeforeEach
    void twoCards() {
        till = TillFixture.create(fixtures, "PROPORTIONAL", 0, 0);
        tenantId = till.tenant.id();
        funded = cardId(till.card("10.00", "0"));
        empty = cardId(till.card());
    }

    private long cardId(TestCard card) {
        return jdbc.sql("select id from card where tenant_id = :tenantId and code = :code")
                .param("tenantId", tenantId)
                .param("code", card.code())
                .query(Long.class)
                .single();
    }

    private Bill opening(long cardId, String real, String gift, long points) {
        return Bill.of(
                BillKind.OPENING_BALANCE,
                cardId,
                new Actor(null, null, till.tenant.shopId(), null),
                Money.of(real).plus(Money.of(gift)),
                "batch test",
                List.of(Entry.openingBalance(cardId, Money.of(real), Money.of(gift), points)));
    }

    private <T> T inTransaction(java.util.function.Supplier<T> work) {
        return new TransactionTemplate(transactionManager).execute(status -> work.get());
    }

    @Test
    void billsPostedAtOnceLandAsIfPostedOneAfterTheOther() {
        List<PostedBill> posted = inTransaction(() -> {
            Map<Long, LockedCard> locked = cards.lockAll(tenantId, List.of(empty, funded));
            List<PostedBill> bills = ledger.postAll(
                    tenantId,
                    List.of(
                            opening(funded, "5.00", "1.00", 10),
                            opening(empty, "3.00", "0", 0),
                            opening(funded, "2.00", "0", 5)),
                    locked.values());
            // a card's points are what its lots hold (the reconciliation checks it after the test)
            lots.createAll(
                    tenantId,
                    List.of(
                            new PointsLots.NewLot(funded, bills.get(0).id(), 10, null),
                            new PointsLots.NewLot(funded, bills.get(2).id(), 5, null)),
                    OffsetDateTime.now());
            return bills;
        });

        assertThat(posted).hasSize(3);
        assertThat(posted).extracting(PostedBill::id).isSorted().doesNotHaveDuplicates();
        assertThat(posted)
                .extracting(PostedBill::billNo)
                .allMatch(no -> no.startsWith(BillKind.OPENING_BALANCE.prefix()));
        assertThat(jdbc.sql("""
                        select card_id || ':' || real_after || '/' || gift_after || '/' || points_after from ledger_entry
                        where tenant_id = :tenantId and bill_id = any(:bills) order by id
                        """)
                        .param("tenantId", tenantId)
                        .param("bills", posted.stream().map(PostedBill::id).toArray(Long[]::new))
                        .query(String.class)
                        .list())
                .as("each entry's balances after it, the second bill on a card after the first")
                .containsExactly(funded + ":15.00/1.00/10", empty + ":3.00/0.00/0", funded + ":17.00/1.00/15");
        assertThat(jdbc.sql("""
                        select actual_balance || '/' || give_balance || '/' || actual_points || '/' || total_points
                        from card where tenant_id = :tenantId and id = :id
                        """)
                        .param("tenantId", tenantId)
                        .param("id", funded)
                        .query(String.class)
                        .single())
                .isEqualTo("17.00/1.00/15/15");
    }

    @Test
    void aBillThatWouldTakeACardBelowZeroPostsNothingOfTheBatch() {
        assertThatThrownBy(() -> inTransaction(() -> {
                    Map<Long, LockedCard> locked = cards.lockAll(tenantId, List.of(empty, funded));
                    return ledger.postAll(
                            tenantId,
                            List.of(opening(funded, "1.00", "0", 0), opening(empty, "-0.01", "0", 0)),
                            locked.values());
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("below zero");
        assertThat(jdbc.sql("select count(*) from bill where tenant_id = :tenantId and remark = 'batch test'")
                        .param("tenantId", tenantId)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void lotsAddedAtOnceSetEachCardsNextExpiry() {
        OffsetDateTime now = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        inTransaction(() -> {
            Map<Long, LockedCard> locked = cards.lockAll(tenantId, List.of(empty, funded));
            List<PostedBill> posted = ledger.postAll(
                    tenantId, List.of(opening(funded, "0", "0", 30), opening(empty, "0", "0", 4)), locked.values());
            lots.createAll(
                    tenantId,
                    List.of(
                            new PointsLots.NewLot(funded, posted.get(0).id(), 10, now.plusDays(10)),
                            new PointsLots.NewLot(funded, posted.get(0).id(), 10, now.plusDays(5)),
                            new PointsLots.NewLot(funded, posted.get(0).id(), 10, now.minusDays(1)),
                            new PointsLots.NewLot(empty, posted.get(1).id(), 4, null)),
                    now);
            return posted;
        });

        assertThat(jdbc.sql("select points_disabled_date from card where tenant_id = :tenantId and id = :id")
                        .param("tenantId", tenantId)
                        .param("id", funded)
                        .query(OffsetDateTime.class)
                        .single())
                .as("the earliest expiry still ahead")
                .isAtSameInstantAs(now.plusDays(5));
        assertThat(jdbc.sql("select points_disabled_date is null from card where tenant_id = :tenantId and id = :id")
                        .param("tenantId", tenantId)
                        .param("id", empty)
                        .query(Boolean.class)
                        .single())
                .as("points that never expire set no date")
                .isTrue();
        assertThat(lots.leftOn(tenantId, List.of(funded, empty)))
                .hasEntrySatisfying(
                        funded,
                        left -> assertThat(left)
                                .extracting(PointsLots.Lot::remaining)
                                .containsExactly(10L, 10L, 10L))
                .hasEntrySatisfying(empty, left -> assertThat(left).hasSize(1));
    }
}
