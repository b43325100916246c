package com.membercard.card;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.support.Fixtures;
import com.membercard.support.IntegrationTest;
import com.membercard.support.TillFixture;
import com.membercard.support.TillFixture.TestCard;
import java.util.PrimitiveIterator;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class PayCodesTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    /**
     * Draws 7, then 7 again (taken), then 8, all in one transaction as op39 runs: the clash must not
     * abort the transaction (PostgreSQL refuses every statement after a failed one), so the second
     * code is 8 and both are committed.
     */
    @Test
    void aDrawnCodeThatIsTakenIsDrawnAgainInTheSameTransaction() {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        TestCard card = till.card();
        long tenantId = till.tenant.id();
        long cardId = jdbc.sql("select id from card where tenant_id = :tenantId and code = :code")
                .param("tenantId", tenantId)
                .param("code", card.code())
                .query(Long.class)
                .single();
        PrimitiveIterator.OfLong draws = LongStream.of(7, 7, 8).iterator();
        PayCodes codes = new PayCodes(jdbc, java.time.Clock.systemUTC(), draws::nextLong);

        String[] issued = new TransactionTemplate(transactionManager)
                .execute(status -> new String[] {codes.issue(tenantId, cardId), codes.issue(tenantId, cardId)});

        assertThat(issued).containsExactly("880000000000000007", "880000000000000008");
        assertThat(draws.hasNext()).isFalse();
        assertThat(jdbc.sql("select code from pay_code where tenant_id = :tenantId order by code")
                        .param("tenantId", tenantId)
                        .query(String.class)
                        .list())
                .containsExactly("880000000000000007", "880000000000000008");
    }
}
