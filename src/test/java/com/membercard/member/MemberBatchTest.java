package com.membercard.member;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.shared.BusinessException;
import com.membercard.shared.InvalidFieldException;
import com.membercard.support.Fixtures;
import com.membercard.support.Fixtures.Catalogue;
import com.membercard.support.Fixtures.TenantFixture;
import com.membercard.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * op19 for a batch ({@link MemberManagement#createAll}), as the file import and the migration run
 * it: every request is created or refused alone, with the refusal op19 answers when the requests are
 * created one after the other, and a clash the checks could not see sends the batch one by one.
 */
@IntegrationTest
class MemberBatchTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    MemberManagement members;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    JdbcClient jdbc;

    TenantFixture tenant;
    Catalogue catalogue;
    String prefix;

    @BeforeEach
    void freshTenant() {
        tenant = fixtures.tenant();
        catalogue = Fixtures.catalogue(tenant);
        prefix = "MB" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    }

    private static String phone() {
        return "139" + String.format("%08d", Math.abs(UUID.randomUUID().hashCode()) % 100_000_000);
    }

    private MemberRequest request(String phone, String cardCode, String secret, long levelId) {
        return new MemberRequest(
                "会员" + cardCode,
                1,
                null,
                phone,
                null,
                null,
                null,
                levelId,
                List.of(catalogue.tagA(), catalogue.tagB()),
                cardCode,
                secret,
                null,
                catalogue.classId(),
                null,
                null,
                tenant.shopId(),
                null);
    }

    private List<MemberManagement.Outcome> createAll(List<MemberRequest> requests) {
        return new TransactionTemplate(transactionManager)
                .execute(status -> members.createAll(tenant.id(), null, requests, null));
    }

    /** "field:key" of a refusal, or "created". */
    private static String outcome(MemberManagement.Outcome outcome) {
        BusinessException refusal = outcome.refusal();
        if (refusal == null) {
            return "created";
        }
        String field = refusal instanceof InvalidFieldException invalid ? invalid.field() : "?";
        return field + ":" + refusal.messageKey();
    }

    @Test
    void eachRequestIsCreatedOrRefusedAloneWithTheRefusalOfOneByOne() {
        String existingPhone = phone();
        Fixtures.createdId(
                tenant.cashier().post("/api/v1/members", Fixtures.member(catalogue, "phone", existingPhone)));
        String firstPhone = phone();
        List<MemberRequest> requests = List.of(
                request(firstPhone, prefix + "1", prefix + "-secret-1", catalogue.levelId()),
                request(existingPhone, prefix + "2", prefix + "-secret-2", catalogue.levelId()),
                request(firstPhone, prefix + "3", prefix + "-secret-3", catalogue.levelId()),
                request(phone(), prefix + "1", prefix + "-secret-4", catalogue.levelId()),
                request(phone(), prefix + "5", prefix + "-secret-1", catalogue.levelId()),
                request(phone(), prefix + "6", prefix + "-secret-6", 999_999_999L),
                request(phone(), prefix + "7", "short", catalogue.levelId()),
                request(phone(), prefix + "8", null, catalogue.levelId()));

        List<MemberManagement.Outcome> outcomes = createAll(requests);

        assertThat(outcomes.stream().map(MemberBatchTest::outcome).toList())
                .containsExactly(
                        "created",
                        "phone:error.taken",
                        "phone:error.taken",
                        "cardCode:error.taken",
                        "cardMac:error.taken",
                        "memberLevelId:error.unknownReference",
                        "cardMac:error.secretTooShort",
                        "created");
        assertThat(outcomes.get(0).created().generatedCardMac()).isNull();
        assertThat(outcomes.get(7).created().generatedCardMac())
                .as("a card without a secret gets one, answered once")
                .hasSize(20);
        for (int i : List.of(0, 7)) {
            MemberManagement.Created created = outcomes.get(i).created();
            assertThat(jdbc.sql(
                                    "select code from card where tenant_id = :tenantId and id = :id and member_id = :memberId")
                            .param("tenantId", tenant.id())
                            .param("id", created.cardId())
                            .param("memberId", created.memberId())
                            .query(String.class)
                            .single())
                    .isEqualTo(requests.get(i).cardCode());
            assertThat(jdbc.sql("select count(*) from member_tag_link where tenant_id = :tenantId and member_id = :id")
                            .param("tenantId", tenant.id())
                            .param("id", created.memberId())
                            .query(Integer.class)
                            .single())
                    .isEqualTo(2);
        }
        assertThat(tenant.cashier()
                        .get("/api/v1/cards?cardCode=" + prefix + "1&mac=" + prefix + "-secret-1")
                        .http())
                .as("the card opens with its secret")
                .isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from card where tenant_id = :tenantId and code like :prefix")
                        .param("tenantId", tenant.id())
                        .param("prefix", prefix + "%")
                        .query(Integer.class)
                        .single())
                .as("nothing of the refused requests is left")
                .isEqualTo(2);
    }

    @Test
    void aNumberTakenOutsideTheChecksSendsTheBatchOneByOneAndEveryoneIsCreated() {
        // the member number the batch's insert would generate first is taken by hand: only the
        // insert's unique index can see it, and it refuses the whole batch (the sequence is the node's)
        String next = fixtures.nodeOf(tenant.id()).sql("""
                        select 'M' || to_char(case when is_called then last_value + 1 else last_value end, 'FM00000000')
                        from member_code_seq
                        """).query(String.class).single();
        Fixtures.createdId(tenant.cashier().post("/api/v1/members", Fixtures.member(catalogue, "code", next)));
        List<MemberRequest> requests = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            requests.add(request(phone(), prefix + i, prefix + "-secret-" + i, catalogue.levelId()));
        }

        List<MemberManagement.Outcome> outcomes = createAll(requests);

        assertThat(outcomes.stream().map(MemberBatchTest::outcome).toList())
                .containsExactly("created", "created", "created");
        assertThat(jdbc.sql("""
                        select count(distinct m.code) from member m join card c on c.tenant_id = m.tenant_id
                                                                         and c.member_id = m.id
                        where m.tenant_id = :tenantId and c.code like :prefix and m.code <> :next
                        """)
                        .param("tenantId", tenant.id())
                        .param("prefix", prefix + "%")
                        .param("next", next)
                        .query(Integer.class)
                        .single())
                .isEqualTo(3);
    }
}
