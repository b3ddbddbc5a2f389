package io.xastream.feeder.transfer.boundary;

import io.xastream.contract.Streams;
import io.xastream.feeder.DurationConverter;
import io.xastream.feeder.connection.boundary.BrokerOptions;
import io.xastream.feeder.transfer.control.TransferFeed;
import io.xastream.feeder.transfer.control.TransferGenerator;
import io.xastream.feeder.transfer.control.TransferSender;
import io.xastream.feeder.transfer.entity.FeedSummary;
import io.xastream.feeder.transfer.entity.GeneratedRecord;
import io.xastream.feeder.transfer.entity.GenerationPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "send", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Sends transfer records to xastream.transfers: the lines of a file as they are, or generated ones.",
        footerHeading = "%nExamples:%n",
        footer = {"  send --file records.jsonl",
                "  send --generate --count 1000 --accounts 50 --seed 42 \\",
                "       --cross-ledger 0.5 --invalid 0.05 --rate 200",
                "  send --generate --count 1000 --out records.jsonl     (writes, no sending)"})
public final class SendCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--file", paramLabel = "FILE", description = "JSON lines to send as they are, not validated; blank lines are skipped; - for standard input.")
    String file;

    @Option(names = "--generate", description = "Generate records deterministically instead of reading a file.")
    boolean generate;

    @Option(names = "--count", defaultValue = "1000", description = "Records to generate (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--accounts", defaultValue = "50", description = "Accounts per ledger the transfers use, as seeded (default ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed; the same seed gives the same records (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--cross-ledger", defaultValue = "0.5", paramLabel = "SHARE", description = "Share of transfers between ledger A and B (default ${DEFAULT-VALUE}).")
    double crossLedger;

    @Option(names = "--invalid", defaultValue = "0.05", paramLabel = "SHARE", description = "Share of deliberately invalid records (default ${DEFAULT-VALUE}).")
    double invalid;

    @Option(names = "--id-prefix", defaultValue = "t-", description = "Record ids are the prefix and a 6-digit number (default ${DEFAULT-VALUE}).")
    String idPrefix;

    @Option(names = "--start-time", paramLabel = "INSTANT", description = "Event time of the first generated record (default 2026-11-27T00:00:00Z).")
    Instant startTime;

    @Option(names = "--event-spacing", defaultValue = "1s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How much later each next generated record's event time is (default ${DEFAULT-VALUE}).")
    Duration eventSpacing;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "RECORDS_PER_S", description = "Records per second, 0 for as fast as possible (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the records as JSON lines to FILE (- for standard output) instead of sending them.")
    Path out;

    @Option(names = "--and-send", description = "With --out: send the records as well.")
    boolean andSend;

    @Option(names = "--batch", defaultValue = "100", description = "Messages per JMS transaction (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--retry-for", defaultValue = "2m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "When the broker goes away (a server restarted or killed), how long to wait for it and then send "
                    + "the unconfirmed records again; the broker drops those it had stored. 0s: fail at once (default ${DEFAULT-VALUE}).")
    Duration retryFor;

    @Mixin
    BrokerOptions broker;

    @Override
    public Integer call() throws Exception {
        if (generate == (file != null)) {
            throw new ParameterException(spec.commandLine(), "give either --file FILE or --generate");
        }
        boolean send = out == null || andSend;
        boolean toStdout = out != null && out.toString().equals("-");
        if (toStdout && send) {
            throw new ParameterException(spec.commandLine(), "--out - writes to standard output: do not combine with --and-send");
        }
        Iterable<GeneratedRecord> records;
        Stream<String> lines = null;
        if (generate) {
            GenerationPlan plan;
            try {
                plan = new GenerationPlan(count, accounts, seed, crossLedger, invalid, idPrefix,
                        startTime == null ? GenerationPlan.DEFAULT_START : startTime, eventSpacing);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            records = new TransferGenerator(plan);
        } else {
            lines = file.equals("-")
                    ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).lines()
                    : Files.lines(Path.of(file), StandardCharsets.UTF_8);
            Stream<GeneratedRecord> fromFile = lines.filter(line -> !line.isBlank()).map(GeneratedRecord::asGiven);
            records = fromFile::iterator;
        }

        if (batch < 1) {
            throw new ParameterException(spec.commandLine(), "--batch must be >= 1: " + batch);
        }
        if (retryFor.isNegative()) {
            throw new ParameterException(spec.commandLine(), "--retry-for must not be negative: " + retryFor);
        }
        TransferFeed feed = new TransferFeed(rate).reportingTo(System.err::println);
        try (TransferSender sender = !send ? null : retryFor.isZero()
                ? new TransferSender(broker.endpoint(), Streams.TRANSFERS, batch)
                : TransferSender.resending(broker.endpoint(), Streams.TRANSFERS, batch, retryFor, System.err::println);
             Writer writer = out == null ? null : toStdout
                     ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                     : Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            if (send) {
                System.err.println("sending to " + Streams.TRANSFERS + " at " + broker.endpoint());
            }
            FeedSummary summary = feed.run(records, sender, writer);
            (toStdout ? System.err : System.out).print(summary.describe());
            if (sender != null && sender.outages() > 0) {
                (toStdout ? System.err : System.out).printf("the broker went away %d time(s): %d records sent again after it came back%n",
                        sender.outages(), sender.resent());
            }
            return 0;
        } catch (UncheckedIOException e) {
            System.err.println("send failed: cannot read " + file + ": " + e.getCause().getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println("send failed: " + e);
            return 1;
        } catch (jakarta.jms.JMSException | jakarta.jms.JMSRuntimeException e) {
            System.err.println("send failed: JMS: " + e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
            return 1;
        } finally {
            if (lines != null) {
                lines.close();
            }
        }
    }
}
