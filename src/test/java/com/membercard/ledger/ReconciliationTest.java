package com.membercard.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.membercard.ledger.Reconciliation.Difference;
import com.membercard.shared.Money;
import com.membercard.support.Api;
import com.membercard.support.Fixtures;
import com.membercard.support.IntegrationTest;
import com.membercard.support.TillFixture;
import com.membercard.support.TillFixture.TestCard;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The check every integration test relies on must see a difference when there is one: a card
 * changed behind the ledger's back, and kept totals that no longer add up to their group's cards.
 * Each test puts back what it changed, so the check after it passes again.
 */
@IntegrationTest
class ReconciliationTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    Reconciliation reconciliation;

    @Autowired
    JdbcClient jdbc;

    TillFixture till;
    TestCard card;

    @BeforeEach
    void fundedCard() {
        till = TillFixture.create(fixtures, "PROPORTIONAL", 0, 0);
        card = till.card("50.00", "5.00");
    }

    @Test
    void aCardChangedOutsideTheLedgerIsReported() {
        moveCardBalance("1.00");
        try {
            assertThat(differences())
                    .extracting(Difference::cardCode, Difference::field, Difference::cached, Difference::ledger)
                    .containsExactlyInAnyOrder(
                            tuple(card.code(), "actualBalance", Money.of("51.00"), Money.of("50.00")),
                            tuple(card.code(), "balance", Money.of("56.00"), Money.of("55.00")));
        } finally {
            moveCardBalance("-1.00");
        }
        assertThat(differences()).isEmpty();
    }

    @Test
    void keptTotalsThatNoLongerMatchTheirGroupAreReported() {
        long fake = jdbc.sql("""
                        insert into member_totals_delta (tenant_id, member_level_id, shop_id, class_id, status, members,
                               actual_recharge, give_recharge, actual_expense, give_expense, actual_balance,
                               give_balance, total_points, actual_points, used_points)
                        select tenant_id, member_level_id, coalesce(shop_id, 0), class_id, status, 1,
                               0, 0, 0, 0, 2.50, 0, 0, 0, 0
                        from card where tenant_id = :tenantId and code = :code
                        returning id""")
                .param("tenantId", till.tenant.id())
                .param("code", card.code())
                .query(Long.class)
                .single();
        try {
            assertThat(differences())
                    .extracting(Difference::field, Difference::cached, Difference::ledger)
                    .containsExactlyInAnyOrder(
                            tuple("members", 2L, 1L), tuple("actualBalance", Money.of("52.50"), Money.of("50.00")));
            // the report answers amounts in yuan and counts as whole numbers, as before Money
            Api.Response report = till.tenant.auditor().get("/api/v1/ledger/reconciliation");
            assertThat(report.raw())
                    .contains("\"field\":\"members\",\"cached\":2,\"ledger\":1}")
                    .contains("\"field\":\"actualBalance\",\"cached\":52.50,\"ledger\":50.00}");
        } finally {
            jdbc.sql("delete from member_totals_delta where tenant_id = :tenantId and id = :id")
                    .param("tenantId", till.tenant.id())
                    .param("id", fake)
                    .update();
        }
        assertThat(differences()).isEmpty();
    }

    private List<Difference<?>> differences() {
        return reconciliation.differences(till.tenant.id());
    }

    /** Moves a card's real balance without a bill, as a bug or a hand-edited row would. */
    private void moveCardBalance(String amount) {
        jdbc.sql("""
                        update card set actual_balance = actual_balance + :amount::numeric,
                                        balance = balance + :amount::numeric
                        where tenant_id = :tenantId and code = :code""")
                .param("amount", amount)
                .param("tenantId", till.tenant.id())
                .param("code", card.code())
                .update();
    }
}
