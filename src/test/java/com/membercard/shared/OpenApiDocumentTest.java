package com.membercard.shared;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.support.Fixtures;
import com.membercard.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class OpenApiDocumentTest {

    @Autowired
    Fixtures fixtures;

    @Test
    void everyOperationNamesItselfAndItsBusinessCodes() {
        JsonNode document = fixtures.anonymous().get("/v3/api-docs").body();
        JsonNode paths = document.path("paths");

        assertThat(paths.path("/api/v1/card-classes")
                        .path("get")
                        .path("summary")
                        .asString())
                .startsWith("op09 卡类别");
        assertThat(paths.path("/api/v1/card-classes/of-tenant")
                        .path("get")
                        .path("summary")
                        .asString())
                .startsWith("op10");
        assertThat(paths.path("/api/v1/dicts/card-statuses")
                        .path("get")
                        .path("summary")
                        .asString())
                .startsWith("op05");
        assertThat(paths.path("/api/v1/card-classes/{id}")
                        .path("delete")
                        .path("description")
                        .asString())
                .contains("`611`");
        paths.properties()
                .forEach(path -> path.getValue().properties().forEach(operation -> {
                    assertThat(operation.getValue().path("summary").asString())
                            .as("summary of %s %s", operation.getKey(), path.getKey())
                            .isNotBlank();
                    assertThat(operation.getValue().path("description").asString())
                            .as("business codes of %s %s", operation.getKey(), path.getKey())
                            .contains("Business codes");
                }));
    }

    /** {@link Money} is written as a plain number ({@code @JsonValue}); the document must say so too. */
    @Test
    void moneyFieldsAreNumbersInTheDocument() {
        JsonNode schemas = fixtures.anonymous()
                .get("/v3/api-docs")
                .body()
                .path("components")
                .path("schemas");

        for (String[] field : new String[][] {
            {"PayInfo", "balance"},
            {"MemberView", "balance"},
            {"MemberView", "giveRecharge"},
            {"Gift", "price"},
            {"RechargePlan", "payMoney"},
            {"Result", "giveBalance"},
            {"CardTransaction", "amount"},
            {"CardTransaction", "realDelta"},
            {"CardTransaction", "giftAfter"},
            {"DifferenceObject", "cached"}, // the reconciliation's Difference<?>: Money, or a count
            {"DifferenceObject", "ledger"},
        }) {
            JsonNode property = schemas.path(field[0]).path("properties").path(field[1]);
            assertThat(property.path("type").asString())
                    .as("%s.%s: %s", field[0], field[1], property)
                    .isEqualTo("number");
        }
        assertThat(schemas.has("Money")).as("Money is no schema of its own").isFalse();
    }

    @Test
    void swaggerUiIsServed() {
        assertThat(fixtures.anonymous().get("/swagger-ui/index.html").http()).isEqualTo(200);
    }
}
