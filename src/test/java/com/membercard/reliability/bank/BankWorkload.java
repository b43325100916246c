package com.membercard.reliability.bank;

import com.membercard.database.EmbeddedNodes;
import com.membercard.support.Api;
import com.membercard.support.Fixtures;
import com.membercard.support.ServiceProcess;
import com.membercard.support.TillFixture.TestCard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.JsonNode;

/**
 * Jepsen's bank test for the member card service: the service runs as a process of its own on
 * the production durability settings, tills pay, recharge, refund and redeem on shared cards,
 * retrying through crashes of the service and of its PostgreSQL, and afterwards {@link
 * BankChecker} holds their records against the ledger.
 */
final class BankWorkload {

    private static final Duration START_PATIENCE = Duration.ofMinutes(2);
    /** A till waits this long for an answer before it sends the request again. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** How long the janitor gets after the run to settle the scan pay attempts left open. */
    private static final Duration SETTLE_PATIENCE = Duration.ofMinutes(2);
    /** The sandbox's statements are cut at midnight Beijing time. */
    private static final ZoneId GATEWAY_ZONE = ZoneId.of("Asia/Shanghai");

    private BankWorkload() {}

    /**
     * Runs the workload with the service's files and log in {@code directory}: on its embedded
     * database, or {@code sharded} on two embedded nodes under ShardingSphere (README "Sharded mode"),
     * the bank's tenant on the node after a first tenant's.
     */
    static BankReport run(BankSettings settings, Path directory, boolean sharded) throws Exception {
        LocalDateTime started = LocalDateTime.now();
        Instant start = Instant.now();
        Random random = new Random(settings.seed());
        Files.createDirectories(directory);
        EmbeddedNodes nodes = sharded ? EmbeddedNodes.start(directory.resolve("nodes"), 2) : null;
        ServiceProcess service = null;
        ServiceKiller killer = null;
        try {
            Map<String, String> environment = environment();
            if (nodes != null) {
                environment.putAll(shardedOn(nodes));
            }
            service = ServiceProcess.start(directory.resolve("data"), environment, START_PATIENCE);
            killer = new ServiceKiller(service, nodes, settings.crashes(), settings.run(), random.nextLong());
            Api anonymous = Api.at(service.baseUrl()).withTimeout(REQUEST_TIMEOUT);
            if (sharded) {
                Fixtures.on(anonymous, null).tenant(); // the first tenant's node is node 0: the bank's is the other
            }
            Bank bank = Bank.open(Fixtures.on(anonymous, null), settings.cards());
            fund(bank, random.nextLong());
            LocalDate firstDay = LocalDate.now(GATEWAY_ZONE);
            work(bank, killer, settings, random);
            ScanPayEnd scanPay = scanPayEnd(bank, firstDay);
            List<CardLedger> cards = bank.cards.stream()
                    .map(card -> CardLedger.read(bank.till, card))
                    .toList();
            BankChecker.Verdict verdict = BankChecker.check(bank.history(), cards, reconciliation(bank), scanPay);
            return new BankReport(
                    settings,
                    started,
                    Duration.between(start, Instant.now()),
                    bank.history(),
                    killer.survived(),
                    verdict);
        } finally {
            if (killer != null) {
                killer.service().close();
            } else if (service != null) {
                service.close();
            }
            if (nodes != null) {
                nodes.close();
            }
        }
    }

    private static Map<String, String> shardedOn(EmbeddedNodes nodes) {
        return Map.of(
                "MEMBERCARD_SHARDS", nodes.urls(),
                "MEMBERCARD_SHARD_USERNAME", nodes.serviceUsername(),
                "MEMBERCARD_SHARD_PASSWORD", nodes.servicePassword(),
                "MEMBERCARD_SHARD_OWNER_USERNAME", nodes.ownerUsername(),
                "MEMBERCARD_SHARD_OWNER_PASSWORD", nodes.ownerPassword());
    }

    /**
     * The defaults, with fsync said explicitly: every acknowledged commit is on disk. Scan pay goes
     * to a faulty sandbox (a third of its answers slow, lost or failed), with the channels' timings
     * shortened and the janitor running every second, so that a run settles what it left open.
     */
    private static Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>(Fixtures.PLATFORM_ADMIN_ENVIRONMENT);
        environment.put("MEMBERCARD_DATABASE_FSYNC", "true");
        environment.put("MEMBERCARD_SCANPAY_SANDBOX_FAULTS", "0.3");
        environment.put("MEMBERCARD_SCANPAY_SANDBOX_SLOW", "1s");
        environment.put("MEMBERCARD_SCANPAY_POLL_INTERVAL", "200ms");
        environment.put("MEMBERCARD_SCANPAY_POLL_BUDGET", "2s");
        environment.put("MEMBERCARD_SCANPAY_JANITOR_INTERVAL", "1s");
        environment.put("MEMBERCARD_SCANPAY_JANITOR_BACKOFF", "200ms");
        environment.put("MEMBERCARD_SCANPAY_JANITOR_MAX_BACKOFF", "2s");
        // longer than the longest scan payment (budget, a slow query, a slow reverse): a pending
        // attempt older than budget + grace belongs to a request that is over
        environment.put("MEMBERCARD_SCANPAY_JANITOR_PENDING_GRACE", "5s");
        return environment;
    }

    /**
     * Scan pay at the end: waits (at most {@link #SETTLE_PATIENCE}) until the janitor has settled
     * every attempt, then reconciles each day of the run with the sandbox's statements and asks
     * op28 for the state of every scan order the tills made.
     */
    private static ScanPayEnd scanPayEnd(Bank bank, LocalDate firstDay) throws InterruptedException {
        Api admin = bank.till.tenant.admin();
        Instant giveUp = Instant.now().plus(SETTLE_PATIENCE);
        List<JsonNode> days;
        int open;
        while (true) {
            days = new ArrayList<>();
            for (LocalDate day = firstDay; !day.isAfter(LocalDate.now(GATEWAY_ZONE)); day = day.plusDays(1)) {
                Api.Response report = admin.get("/api/v1/scan-payments/reconciliation?date=" + day);
                if (report.http() != 200) {
                    throw new IllegalStateException("scan pay reconciliation failed: " + report);
                }
                report.body().path("gateways").forEach(days::add);
            }
            open = days.stream().mapToInt(d -> d.path("openAttempts").asInt()).sum();
            if (open == 0 || Instant.now().isAfter(giveUp)) {
                break;
            }
            Thread.sleep(1_000);
        }
        List<String> differences = new ArrayList<>();
        days.forEach(day -> day.path("differences").forEach(d -> differences.add(d.toString())));
        days.stream()
                .filter(day -> !day.path("statementError").isNull())
                .forEach(day -> differences.add("no statement: " + day.path("statementError")));
        Map<String, Integer> states = new HashMap<>();
        for (Operation op : bank.history()) {
            if (op.intent().kind() == Operation.Kind.SCAN_PAYMENT) {
                String order = op.intent().scanOrder();
                states.put(
                        order,
                        bank.till
                                .till()
                                .post("/api/v1/scan-payments/" + order + "/query", Map.of())
                                .status());
            }
        }
        String totals = days.stream()
                .map(d -> d.path("gateway").asString() + ": paid here "
                        + d.path("ours").path("paid") + " ("
                        + d.path("ours").path("payments") + "), at the gateway "
                        + d.path("theirs").path("paid")
                        + " (" + d.path("theirs").path("payments") + "); refunded here "
                        + d.path("ours").path("refunded") + " ("
                        + d.path("ours").path("refunds")
                        + "), at the gateway " + d.path("theirs").path("refunded") + " ("
                        + d.path("theirs").path("refunds") + ")")
                .toList()
                .toString();
        return new ScanPayEnd(states, open, differences, totals);
    }

    private static void fund(Bank bank, long seed) throws InterruptedException {
        TillClient till = new TillClient(bank, () -> false, () -> false, seed);
        for (TestCard card : bank.cards) {
            Api.Response answer = till.fund(card);
            if (answer == null || answer.status() != 200) {
                throw new IllegalStateException("funding " + card.code() + " failed: " + answer);
            }
        }
    }

    /**
     * The tills work, and the service crashes, until the crashes are over, the run's time is up and
     * enough operations were made (or far too long has passed: the report then tells).
     */
    private static void work(Bank bank, ServiceKiller killer, BankSettings settings, Random random) throws Exception {
        AtomicBoolean going = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(settings.clients() + 1);
        try {
            Future<Void> crashes = threads.submit(killer);
            List<Future<Void>> tills = new ArrayList<>();
            for (int i = 0; i < settings.clients(); i++) {
                tills.add(threads.submit(new TillClient(bank, going::get, killer::databaseDown, random.nextLong())));
            }
            Instant end = Instant.now().plus(settings.run());
            Instant deadline = end.plus(ServiceKiller.RESTART_PATIENCE.multipliedBy(settings.crashes() + 1L));
            while (!crashes.isDone() || Instant.now().isBefore(end) || bank.operations() < settings.operations()) {
                if (Instant.now().isAfter(deadline)) {
                    break;
                }
                for (Future<Void> till : tills) {
                    if (till.isDone()) {
                        till.get(); // a till stops early only by an exception: this throws it
                    }
                }
                if (crashes.isDone()) {
                    crashes.get(); // a restart that failed ends the run here
                }
                Thread.sleep(250);
            }
            going.set(false);
            crashes.get();
            for (Future<Void> till : tills) {
                till.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** The service's own check of every card against its ledger: one line per difference. */
    private static List<String> reconciliation(Bank bank) {
        Api.Response report = bank.till.tenant.auditor().get("/api/v1/ledger/reconciliation");
        if (report.http() != 200) {
            throw new IllegalStateException("reconciliation failed: " + report);
        }
        List<String> differences = new ArrayList<>();
        report.body().path("differences").forEach(difference -> differences.add(difference.toString()));
        long checked = report.body().path("cardsChecked").asLong();
        if (checked != bank.cards.size()) {
            differences.add("it checked " + checked + " cards of " + bank.cards.size());
        }
        return differences;
    }
}
