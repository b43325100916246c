package com.membercard.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.reliability.HostileRequests.HostileRequest;
import com.membercard.reliability.HostileRequests.Hostility;
import com.membercard.support.AdminResource;
import com.membercard.support.Api;
import com.membercard.support.Fixtures;
import com.membercard.support.IntegrationTest;
import com.membercard.support.OpenApiDocument;
import com.membercard.support.OpenApiDocument.Operation;
import com.membercard.support.TillFixture;
import com.membercard.support.TillFixture.TestCard;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A fuzzer over every operation of the OpenAPI document, with valid credentials: malformed,
 * oversized, wrong-typed, boundary-valued and injection-shaped bodies, query parameters, path ids,
 * Content-Types and Accept headers ({@link HostileRequests}). No answer may be a 500, show a stack
 * trace or SQL, or leave the documented envelope; no card that existed before may change, in any
 * tenant. The number of requests is {@code -Dfuzz.requests} (2,000 in the normal build; the long
 * run in the README sends 10,000); every operation receives every kind of hostility in turn.
 */
@IntegrationTest
class HostileInputTest {

    private static final Logger log = LoggerFactory.getLogger(HostileInputTest.class);
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 2_000);
    private static final List<String> LEAKS = List.of(
            "Exception", "at com.", "at org.", "SQL", "postgres", "ERROR:", "tools.jackson", "org.springframework");

    @Autowired
    Fixtures fixtures;

    @Test
    void noHostileRequestBreaksTheServiceOrMovesMoney() {
        // another tenant's card, made first so that small ids such as 1 are not the fuzzed tenant's
        TillFixture.create(fixtures, "PROPORTIONAL", 1, 30).card("50.00", "5.00");
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 30);
        TestCard card = till.card("100.00", "10.00");
        // lost: so op33, the one command that needs no secret, cannot change it either; every other
        // change of a card needs its secret, which the fuzzer never has
        assertThat(till.till()
                        .post("/api/v1/cards/report-loss", Map.of("cardCode", card.code(), "timestamp", "lost-first"))
                        .status())
                .isEqualTo(200);
        OpenApiDocument document = OpenApiDocument.of(fixtures.anonymous());
        List<Operation> operations = document.operations();
        assertThat(REQUESTS)
                .as("enough requests to send every kind of hostility to every operation")
                .isGreaterThanOrEqualTo(operations.size() * Hostility.values().length);
        HostileRequests hostile = new HostileRequests(document, card.code(), decoys(till, card), new Random(20261128));
        Map<Operation, Api> callers = callers(operations, till);
        Map<Long, String> cardsBefore = cards();

        Map<Integer, Integer> byHttpStatus = new TreeMap<>();
        Map<Integer, Integer> byBusinessStatus = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < REQUESTS; i++) {
            Operation operation = operations.get(i % operations.size());
            Hostility hostility = Hostility.values()[(i / operations.size()) % Hostility.values().length];
            HostileRequest request = hostile.request(operation, hostility);
            Api.Response answer = request.sendAs(callers.get(operation));
            byHttpStatus.merge(answer.http(), 1, Integer::sum);
            byBusinessStatus.merge(answer.status(), 1, Integer::sum);
            String problem = problem(answer, document.answersEnvelope(operation));
            if (problem != null) {
                failures.add(request + " → " + problem);
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        log.info(
                "Hostile input: {} requests over {} operations in {} s; by HTTP status {}; by business status {}; "
                        + "{} broke the contract",
                REQUESTS,
                operations.size(),
                took.toSeconds(),
                byHttpStatus,
                byBusinessStatus,
                failures.size());
        assertThat(failures)
                .withFailMessage(
                        "%d answers broke the contract, among them:%n%s",
                        failures.size(), String.join("\n", failures.subList(0, Math.min(30, failures.size()))))
                .isEmpty();
        assertThat(cards())
                .as("every card that existed before, in every tenant")
                .containsAllEntriesOf(cardsBefore);
    }

    /** For each path template, a real row of the fuzzed tenant, so hostile bodies also reach real rows. */
    private static Map<String, String> decoys(TillFixture till, TestCard card) {
        Map<String, String> decoys = new HashMap<>();
        for (AdminResource resource : AdminResource.ALL) {
            long id = AdminResource.idOf(till.tenant.admin().post(resource.path(), resource.newBody()));
            decoys.put(resource.path() + "/{id}", String.valueOf(id));
        }
        decoys.put("/api/v1/members/{id}", String.valueOf(till.card().memberId()));
        decoys.put("/api/v1/tenants/{id}", String.valueOf(till.tenant.id()));
        decoys.put("/api/v1/cards/{cardCode}/transactions", card.code());
        return decoys;
    }

    /**
     * Who sends each operation: the first of cashier, administrator and platform administrator whom
     * the access rules let through, so that hostile input reaches the operation and not only the
     * access check.
     */
    private Map<Operation, Api> callers(List<Operation> operations, TillFixture till) {
        List<Api> candidates = List.of(till.till(), till.tenant.admin(), fixtures.platform());
        Map<Operation, Api> callers = new HashMap<>();
        for (Operation operation : operations) {
            String path = operation.path().replaceAll("\\{[^}]+}", "0");
            Api caller = candidates.stream()
                    .filter(candidate ->
                            candidate.send(operation.method(), path, null).http() != 403)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no one may call " + operation));
            callers.put(operation, caller);
        }
        return callers;
    }

    /** What is wrong with an answer, or null when it keeps the contract. */
    private static String problem(Api.Response answer, boolean answersEnvelope) {
        String raw = answer.raw();
        if (answer.http() >= 500 || answer.status() == 500) {
            return "server error: " + abbreviate(raw);
        }
        for (String leak : LEAKS) {
            if (raw.contains(leak)) {
                return "leaks '" + leak + "': " + abbreviate(raw);
            }
        }
        if (answer.http() >= 400) {
            boolean envelope = answer.body().path("status").isInt()
                    && answer.status() != 200
                    && !answer.message().isBlank();
            return envelope ? null : "a failure outside the envelope: " + answer.http() + " " + abbreviate(raw);
        }
        if (answer.http() != 200) {
            return "neither a success nor a failure: " + answer.http() + " " + abbreviate(raw);
        }
        if (answersEnvelope) {
            boolean envelope = (answer.status() == 200 || answer.status() == 801)
                    && answer.body().has("message");
            return envelope ? null : "a success outside the envelope: " + abbreviate(raw);
        }
        // the .xlsx downloads (op38's template and error report) are zip files: "PK\3\4"
        boolean spreadsheet = raw.startsWith("PK\u0003\u0004");
        return !spreadsheet && (answer.body().isString() || answer.body().isMissingNode())
                ? "a success that is not JSON: " + abbreviate(raw)
                : null;
    }

    /**
     * Every card of every tenant, by id: its state, money, points and number of bills. Not its code
     * or member fields, which an administrator may legitimately change with a plausible request.
     */
    private Map<Long, String> cards() {
        Map<Long, String> cards = new HashMap<>();
        fixtures.jdbc()
                .sql("""
                        select c.id, concat_ws('/', c.status, c.actual_balance, c.give_balance, c.actual_points,
                                                    c.total_points, c.used_points, c.total_recharge, c.total_expense,
                                                    (select count(*) from bill b
                                                     where b.tenant_id = c.tenant_id and b.card_id = c.id)) as state
                        from card c""")
                .query((rs, n) -> cards.put(rs.getLong("id"), rs.getString("state")))
                .list();
        return cards;
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
