package com.membercard.sharding;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.support.Api;
import com.membercard.support.Fixtures;
import com.membercard.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** In single-node mode there is no node to move a tenant to: the command says so, and nothing else moves. */
@IntegrationTest
class TenantMoveSingleNodeTest {

    @Autowired
    Fixtures fixtures;

    @Test
    void theMoveCommandAnswersThatTheServiceRunsOnOneNode() {
        long tenantId = fixtures.tenant().id();
        Api platform = fixtures.platform().inEnglish();
        Api.Response move = platform.post("/api/v1/tenants/" + tenantId + "/move", Map.of("node", 1));
        assertThat(move.http()).as(move.toString()).isEqualTo(400);
        assertThat(move.status()).isEqualTo(400);
        assertThat(move.message()).contains("one database node");
        Api.Response state = platform.get("/api/v1/tenants/" + tenantId + "/move");
        assertThat(state.status()).as(state.toString()).isEqualTo(400);
        assertThat(fixtures.jdbc()
                        .sql("select count(*) from tenant_move")
                        .query(Long.class)
                        .single())
                .isZero();
    }
}
