package com.membercard.reliability.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.reliability.attack.CardSecretBruteForceTest.SecretEndpoint;
import com.membercard.support.Fixtures;
import com.membercard.support.IntegrationTest;
import com.membercard.support.OpenApiDocument;
import com.membercard.support.OpenApiDocument.Operation;
import java.util.Collections;
import java.util.HashSet;
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
                .filter(operation -> takesASecret(document.inputs(operation)))
                .map(Operation::key)
                .collect(Collectors.toSet());
        Set<String> withACard = CardSecretBruteForceTest.ENDPOINTS.stream()
                .map(SecretEndpoint::operation)
                .collect(Collectors.toSet());
        Set<String> alone = SecretAloneGuessingTest.ENDPOINTS.stream()
                .map(SecretAloneGuessingTest.SecretAloneEndpoint::operation)
                .collect(Collectors.toSet());
        Set<String> onlyAlone = document.operations().stream()
                .filter(operation -> takesASecret(document.inputs(operation))
                        && Collections.disjoint(document.inputs(operation), Set.of("cardCode", "code", "oldMac")))
                .map(Operation::key)
                .collect(Collectors.toSet());

        Set<String> covered = new HashSet<>(withACard);
        covered.addAll(alone);
        assertThat(covered).containsExactlyInAnyOrderElementsOf(takingASecret);
        assertThat(alone)
                .as("a secret without a card counts against the credential")
                .containsAll(onlyAlone);
    }

    private static boolean takesASecret(Set<String> inputs) {
        return inputs.contains("mac") || inputs.contains("oldMac");
    }
}
