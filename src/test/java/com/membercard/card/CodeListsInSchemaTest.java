package com.membercard.card;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.support.Fixtures;
import com.membercard.support.IntegrationTest;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The schema guards card.status and card.send_mode with check constraints; the lists themselves are
 * defined by {@link CardStatus} and {@link CardSendMode}. This holds the two together, so a code added
 * to an enum without a migration (or the other way round) fails the build, not a till.
 */
@IntegrationTest
class CodeListsInSchemaTest {

    private static final Pattern ARRAY = Pattern.compile("ARRAY\\[([^]]*)]");

    @Autowired
    Fixtures fixtures;

    @Test
    void theCardStatusCheckAllowsExactlyTheCardStatuses() {
        assertThat(checkedCodes("status")).containsExactlyElementsOf(CardStatus.codes());
    }

    @Test
    void theSendModeCheckAllowsExactlyTheSendModes() {
        assertThat(checkedCodes("send_mode")).containsExactlyElementsOf(CardSendMode.codes());
    }

    @Test
    void theRequestBoundsOfASendModeAreItsFirstAndLastCodes() {
        assertThat(CardSendMode.codes().get(0)).isEqualTo(CardSendMode.FIRST);
        assertThat(CardSendMode.codes().get(CardSendMode.codes().size() - 1)).isEqualTo(CardSendMode.LAST);
        assertThat(CardSendMode.codes())
                .isSorted()
                .doesNotHaveDuplicates()
                .hasSize(CardSendMode.LAST - CardSendMode.FIRST + 1);
    }

    @Test
    void theFilterBoundsOfACardStatusAreItsFirstAndLastCodes() {
        assertThat(CardStatus.codes().get(0)).isEqualTo(CardStatus.FIRST);
        assertThat(CardStatus.codes().get(CardStatus.codes().size() - 1)).isEqualTo(CardStatus.LAST);
        assertThat(CardStatus.codes())
                .isSorted()
                .doesNotHaveDuplicates()
                .hasSize(CardStatus.LAST - CardStatus.FIRST + 1);
    }

    /** The codes of the one check constraint on {@code card} that names {@code column} ("in (…)" becomes "= ANY (ARRAY[…])"). */
    private List<Integer> checkedCodes(String column) {
        // the catalogue is a node's own, which ShardingSphere cannot bind: read on one node, every node has the same
        // schema
        JdbcClient node = fixtures.nodeOf(fixtures.tenant().id());
        List<String> checks = node.sql("""
                        select pg_get_constraintdef(oid) from pg_constraint
                        where conrelid = 'card'::regclass and contype = 'c'
                        """).query(String.class).list().stream()
                .filter(definition -> definition.contains("(" + column + " "))
                .toList();
        assertThat(checks).as("check constraints on card.%s", column).hasSize(1);
        Matcher array = ARRAY.matcher(checks.get(0));
        assertThat(array.find()).as(checks.get(0)).isTrue();
        return Arrays.stream(array.group(1).split(","))
                .map(code -> Integer.valueOf(code.replaceAll("[^0-9]", "")))
                .toList();
    }
}
