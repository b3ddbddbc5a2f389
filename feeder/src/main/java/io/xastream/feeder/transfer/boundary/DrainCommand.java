package io.xastream.feeder.transfer.boundary;

import io.xastream.contract.Streams;
import io.xastream.feeder.DurationConverter;
import io.xastream.feeder.connection.boundary.BrokerOptions;
import io.xastream.feeder.transfer.control.QueueInspector;
import io.xastream.feeder.transfer.entity.DrainResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "drain", mixinStandardHelpOptions = true,
        description = "Consumes the messages of a queue and prints how many (per xastream_reason for rejected records) and how many "
                + "distinct record ids, naming any that came more than once (on xastream.settled, a record settled twice); --browse only counts.")
public final class DrainCommand implements Callable<Integer> {

    @Option(names = "--queue", defaultValue = Streams.SETTLED,
            description = "xastream.settled, xastream.rejected, xastream.deadletter or xastream.transfers (default ${DEFAULT-VALUE}).")
    String queue;

    @Option(names = "--max", defaultValue = "10000", description = "Stop after this many messages (default ${DEFAULT-VALUE}).")
    long max;

    @Option(names = "--idle", defaultValue = "2s", converter = DurationConverter.class,
            description = "Stop when no message arrived for this long (default ${DEFAULT-VALUE}).")
    Duration idle;

    @Option(names = "--browse", description = "Count the messages without taking them off the queue.")
    boolean browse;

    @Mixin
    BrokerOptions broker;

    @Override
    public Integer call() {
        try (QueueInspector inspector = new QueueInspector(broker.downstreamEndpoint())) {
            if (browse) {
                System.out.println(queue + ": " + inspector.browseCount(queue) + " message(s)");
                return 0;
            }
            DrainResult result = inspector.drain(queue, max, idle);
            System.out.println(queue + ": drained " + result.count() + " message(s)"
                    + (result.byReason().isEmpty() ? "" : " " + result.byReason()) + "; " + result.ids().describe());
            return 0;
        } catch (Exception e) {
            System.err.println("drain failed: " + e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
            return 1;
        }
    }
}
