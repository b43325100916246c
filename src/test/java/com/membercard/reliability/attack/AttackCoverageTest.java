package com.membercard.reliability.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.reliability.attack.CardSecretBruteForceTest.SecretEndpoint;
import com.membercard.support.Fixtures;
import com.membercard.support.IntegrationTest;
import com.membercard.support.OpenApiDocument;
import com.membercard.support.OpenApiDocument.Operation;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Nothing of the API escapes the attack suite: every operation of the OpenAPI document is in the
 * attack table (and the table names no operation that is gone), and every operation that takes a
 * card's secret is brute-forced. An endpoint added to the service fails here until it is attacked.
 */
@IntegrationTest
class AttackCoverageTest {

    /** They take a secret alone, or a new card's secret: no card is named whose attempts could count. */
    private static final Set<String> SECRET_WITHOUT_A_CARD =
            Set.of("GET /api/v1/cards/pay-info/by-mac", "GET /api/v1/members/search", "POST /api/v1/cards/replace");

    @Autowired
    Fixtures fixtures;

    OpenApiDocument document;

    @BeforeEach
    void theServicesOwnDocument() {
        document = OpenApiDocument.of(fixtures.anonymous());
    }

    @Test
    void everyOperationOfTheApiIsInTheAttackTable() {
        Set<String> operations =
                document.operations().stream().map(Operation::key).collect(Collectors.toSet());
        Set<String> attacked = Attack.all().stream().map(Attack::operation).collect(Collectors.toSet());

        assertThat(attacked).as("operations of the API").containsExactlyInAnyOrderElementsOf(operations);
    }

    @Test
    void everyOperationThatTakesACardsSecretIsBruteForced() {
        Set<String> takingASecret = document.operations().stream()
                .filter(operation -> document.inputs(operation).contains("mac"))
                .map(Operation::key)
                .filter(operation -> !SECRET_WITHOUT_A_CARD.contains(operation))
                .collect(Collectors.toSet());
        Set<String> bruteForced = CardSecretBruteForceTest.ENDPOINTS.stream()
                .map(SecretEndpoint::operation)
                .collect(Collectors.toSet());

        assertThat(bruteForced).containsExactlyInAnyOrderElementsOf(takingASecret);
    }
}
