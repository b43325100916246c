package com.membercard.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.support.Fixtures;
import com.membercard.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class DictionaryApiTest {

    @Autowired
    Fixtures fixtures;

    @Test
    void op05ListsTheFourCardStatuses() {
        JsonNode statuses =
                fixtures.tenant().cashier().get("/api/v1/dicts/card-statuses").body();

        assertThat(statuses.toString())
                .isEqualTo("[{\"key\":1,\"value\":\"正常\"},{\"key\":2,\"value\":\"挂失\"},"
                        + "{\"key\":3,\"value\":\"作废\"},{\"key\":4,\"value\":\"已退卡\"}]");
    }

    @Test
    void op06ListsTheFourIssueModes() {
        JsonNode modes =
                fixtures.tenant().cashier().get("/api/v1/dicts/card-send-modes").body();

        assertThat(modes.toString())
                .isEqualTo("[{\"key\":1,\"value\":\"门店发卡\"},{\"key\":2,\"value\":\"电子卡\"},"
                        + "{\"key\":3,\"value\":\"导入\"},{\"key\":4,\"value\":\"迁移\"}]");
    }

    @Test
    void paymentTypesSexesAndCardTypesAreServed() {
        var cashier = fixtures.tenant().cashier();

        assertThat(cashier.get("/api/v1/dicts/payment-types").body().size()).isEqualTo(10);
        assertThat(cashier.get("/api/v1/dicts/payment-types")
                        .body()
                        .get(9)
                        .path("value")
                        .asString())
                .isEqualTo("银联");
        assertThat(cashier.get("/api/v1/dicts/sexes")
                        .body()
                        .get(2)
                        .path("value")
                        .asString())
                .isEqualTo("女");
        assertThat(cashier.get("/api/v1/dicts/card-types").body().size()).isEqualTo(4);
    }

    @Test
    void statusCodesIncludeTheOriginalOnesAndOurExtensionsInEnglishOnRequest() {
        JsonNode codes = fixtures.tenant()
                .cashier()
                .inEnglish()
                .get("/api/v1/dicts/status-codes")
                .body();

        assertThat(codes.valueStream().map(c -> c.path("key").asInt()).toList())
                .contains(200, 400, 401, 403, 404, 409, 500, 601, 605, 609, 610, 611, 612, 613, 614, 801, 905, 1003);
        assertThat(codes.valueStream()
                        .filter(c -> c.path("key").asInt() == 605)
                        .findFirst()
                        .orElseThrow()
                        .path("value")
                        .asString())
                .isEqualTo("Insufficient balance");
    }
}
