package com.membercard.reliability.bank;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;

import com.membercard.reliability.bank.BankChecker.Flow;
import com.membercard.reliability.bank.Operation.Kind;
import com.membercard.reliability.bank.Operation.Outcome;
import com.membercard.shared.Money;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** The figures of a run and its verdict, as text for the console and a file under target/. */
record BankReport(
        BankSettings settings,
        LocalDateTime started,
        Duration duration,
        List<Operation> history,
        List<ServiceKiller.Crash> crashes,
        BankChecker.Verdict verdict) {

    List<String> anomalies() {
        return verdict.anomalies();
    }

    /** The tills' requests, not counting the cards' funding. */
    List<Operation> operations() {
        return history.stream().filter(op -> op.intent().kind() != Kind.OPENING).toList();
    }

    long count(Predicate<Operation> which) {
        return operations().stream().filter(which).count();
    }

    long databaseKills() {
        return crashes.stream().filter(ServiceKiller.Crash::withDatabase).count();
    }

    String text() {
        StringBuilder text = new StringBuilder();
        line(text, "Bank workload", started.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) + " — " + settings);
        line(text, "duration", duration.toSeconds() + " s");
        line(text, "cards funded", count(history, Kind.OPENING) + "");
        line(text, "operations attempted", operations().size() + "");
        line(
                text,
                "  acknowledged",
                count(op -> op.outcome() == Outcome.ACKNOWLEDGED) + " (of which 801 replays: "
                        + count(op -> op.answer() == 801) + ")");
        line(text, "  refused", count(op -> op.outcome() == Outcome.REFUSED) + " " + refusalsByCode());
        line(text, "  unanswered", count(op -> op.outcome() == Outcome.UNANSWERED) + "");
        line(
                text,
                "  retried",
                count(op -> op.attempts() > 1) + " operations, "
                        + operations().stream()
                                .mapToLong(op -> op.attempts() - 1)
                                .sum() + " retries");
        for (Kind kind : Kind.values()) {
            if (kind != Kind.OPENING) {
                line(text, "  " + kind, byOutcome(kind));
            }
        }
        line(
                text,
                "crashes survived",
                crashes.size() + " (service killed " + crashes.size() + ", PostgreSQL killed " + databaseKills()
                        + "): "
                        + crashes.stream()
                                .map(c -> (c.withDatabase() ? "with its database at " : "at ") + c.down()
                                        + ", back after " + c.outage().toSeconds() + " s")
                                .toList());
        line(text, "real money", equation(verdict.real()));
        line(text, "gift money", equation(verdict.gift()));
        line(text, "scan pay", verdict.scanPay());
        line(text, "anomalies", anomalies().size() + "");
        anomalies().forEach(anomaly -> text.append("  ").append(anomaly).append('\n'));
        return text.toString();
    }

    void writeTo(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text());
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append(String.format("%-22s %s%n", label, value));
    }

    private static long count(List<Operation> history, Kind kind) {
        return history.stream().filter(op -> op.intent().kind() == kind).count();
    }

    private Map<Integer, Long> refusalsByCode() {
        return operations().stream()
                .filter(op -> op.outcome() == Outcome.REFUSED)
                .collect(groupingBy(Operation::answer, TreeMap::new, counting()));
    }

    private String byOutcome(Kind kind) {
        Map<Outcome, Long> outcomes = operations().stream()
                .filter(op -> op.intent().kind() == kind)
                .collect(groupingBy(Operation::outcome, TreeMap::new, counting()));
        return outcomes.toString().toLowerCase();
    }

    /** opening + recharges − payments + … as the tills' records say, against what the cards hold. */
    private static String equation(Flow flow) {
        StringBuilder sum = new StringBuilder();
        for (Kind kind : Kind.values()) {
            if (kind.scanPay()) {
                continue; // no card moves
            }
            Money moved = flow.moved().getOrDefault(kind, Money.ZERO);
            sum.append(moved.isNegative() ? " − " : " + ")
                    .append(moved.amount().abs())
                    .append(' ')
                    .append(kind.name().toLowerCase());
        }
        return sum.substring(3) + " = " + flow.expected() + "; the cards hold " + flow.held();
    }
}
