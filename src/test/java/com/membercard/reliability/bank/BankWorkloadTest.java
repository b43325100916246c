package com.membercard.reliability.bank;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.reliability.bank.Operation.Kind;
import com.membercard.reliability.bank.Operation.Outcome;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * Issue #5, the bank workload with crashes: in the suite a short run (two crashes, the first with
 * the database; a thousand operations at least); the long run is this test with the parameters of
 * {@link BankSettings} as system properties (see README, "Reliability suite"). The report goes to
 * {@code target/bank-workload/<time>/report.txt}, beside the service's log.
 */
class BankWorkloadTest {

    @Test
    void everyAcknowledgedRequestTakesEffectExactlyOnceThroughCrashesOfTheServiceAndItsDatabase() throws Exception {
        runAndCheck(false);
    }

    /** The same over two nodes in the sharded mode, each crash of the database killing both. */
    @Test
    void theSameInTheShardedModeThroughCrashesOfTheServiceAndItsNodes() throws Exception {
        runAndCheck(true);
    }

    private static void runAndCheck(boolean sharded) throws Exception {
        BankSettings settings = BankSettings.fromSystemProperties();
        Path directory = Path.of(
                        "target",
                        "bank-workload",
                        LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                                + (sharded ? "-sharded" : ""))
                .toAbsolutePath();

        BankReport report = BankWorkload.run(settings, directory, sharded);
        report.writeTo(directory.resolve("report.txt"));
        System.out.println(report.text());

        assertThat(report.anomalies()).as(report.text()).isEmpty();
        assertThat(report.crashes()).as("crashes survived").hasSize(settings.crashes());
        assertThat(report.databaseKills()).as("crashes of the database").isEqualTo((settings.crashes() + 1) / 2);
        assertThat(report.operations()).hasSizeGreaterThanOrEqualTo(settings.operations());
        assertThat(report.count(op -> op.attempts() > 1))
                .as("requests sent again through an outage")
                .isPositive();
        for (Kind kind : EnumSet.complementOf(EnumSet.of(Kind.OPENING))) {
            assertThat(report.count(op -> op.intent().kind() == kind && op.outcome() == Outcome.ACKNOWLEDGED))
                    .as("%s acknowledged", kind)
                    .isPositive();
        }
        FileSystemUtils.deleteRecursively(directory.resolve("data")); // kept for a look when the run fails
    }
}
