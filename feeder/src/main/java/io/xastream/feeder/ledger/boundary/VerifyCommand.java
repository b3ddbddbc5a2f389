package io.xastream.feeder.ledger.boundary;

import io.xastream.contract.Streams;
import io.xastream.feeder.DurationConverter;
import io.xastream.feeder.connection.boundary.BrokerOptions;
import io.xastream.feeder.connection.boundary.LedgerOptions;
import io.xastream.feeder.ledger.control.Verifier;
import io.xastream.feeder.transfer.control.QueueInspector;
import io.xastream.invariant.control.LedgerInvariant;
import io.xastream.invariant.entity.Verification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Checks the exactly-once invariant on both ledgers and prints INVARIANT HOLDS or INVARIANT VIOLATED: <which>.",
                "Exit code 0 when it holds, 1 otherwise."})
public final class VerifyCommand implements Callable<Integer> {

    @Option(names = "--sent", description = "Records sent: settled + rejected + duplicates + dead-lettered must equal it.")
    Long sent;

    @Option(names = "--timeout", defaultValue = "0s", converter = DurationConverter.class,
            description = "Keep reading, about once a second, until the invariant holds or this much time has passed (e.g. 120s). Default: read once.")
    Duration timeout;

    @Option(names = "--skip-dead-letters", description = "Do not browse xastream.deadletter (no JMS needed; then --sent cannot be checked).")
    boolean skipDeadLetters;

    @Mixin
    LedgerOptions ledgers;

    @Mixin
    BrokerOptions broker;

    @Override
    public Integer call() {
        OptionalLong expected = sent == null ? OptionalLong.empty() : OptionalLong.of(sent);
        QueueInspector inspector = null;
        String brokerProblem = null;
        if (!skipDeadLetters) {
            try {
                inspector = new QueueInspector(broker.downstreamEndpoint());
            } catch (Exception e) {
                brokerProblem = e.toString();
            }
        }
        try {
            QueueInspector queues = inspector;
            String problem = brokerProblem;
            LedgerInvariant.DeadLetterCount deadLetters = skipDeadLetters ? null
                    : queues != null ? () -> queues.browseCount(Streams.DEADLETTER)
                    : () -> {
                        throw new IllegalStateException(problem);
                    };
            Verification verification = Verifier.of(ledgers.connections(), deadLetters)
                    .awaitHolds(expected, timeout, reading -> System.err.printf(Locale.ROOT,
                            "waiting: %d accounted for%s, %s%n", reading.accountedFor(),
                            expected.isPresent() ? " of " + expected.getAsLong() : "", reading.verdict()));
            System.out.print(verification.report());
            return verification.holds() ? 0 : 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.out.println("INVARIANT NOT CHECKED: interrupted");
            return 1;
        } catch (Exception e) {
            System.out.println("INVARIANT NOT CHECKED: " + e.getMessage());
            return 1;
        } finally {
            if (inspector != null) {
                try {
                    inspector.close();
                } catch (Exception ignored) {
                    // closing after the verdict: nothing left to report
                }
            }
        }
    }
}
