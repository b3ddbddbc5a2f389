package io.xastream.tools;

import io.xastream.contract.Streams;
import io.xastream.feeder.connection.control.Endpoints;
import io.xastream.feeder.transfer.control.QueueInspector;
import io.xastream.feeder.transfer.entity.RecordIdTally;
import io.xastream.harness.WildFlyServer;

import java.time.Duration;

/**
 * The pipeline's output streams as the soak's downstream consumer takes them: every message off the
 * settled, rejected and windows queues, with each stream's record ids tallied, so a repeat on any of
 * them (a record's effect, a rejection or a closed window published twice) is seen. Taking them also
 * keeps the broker's journal as small as where the outputs are read: messages left on a queue pin
 * the journal files they sit in, and every boot reads those files whole (a soak that left rejected
 * records and windows on their queues booted in 16 s instead of 11 after 90 kills).
 */
final class Downstream {

    /** A drain of rejected records and windows ends this long after their last message: what comes later is taken next time. */
    private static final Duration OTHERS_IDLE = Duration.ofMillis(50);

    final RecordIdTally settled = new RecordIdTally();
    /** Rejected by a stage, keyed by record id: a record is rejected once at most (invalid, or late for its window). */
    final RecordIdTally rejected = new RecordIdTally();
    /** Closed windows, keyed by {@code account@windowStart}: each window closes once. */
    final RecordIdTally windows = new RecordIdTally();

    /**
     * Takes what is on the three queues now: the settled stream until none came for {@code idle}, the
     * others for a moment (their late arrivals are taken by the next drain).
     */
    void drain(WildFlyServer server, Duration idle) throws Exception {
        try (QueueInspector queues = new QueueInspector(Endpoints.downstream(null, server.httpPort(), null, null))) {
            queues.drain(Streams.SETTLED, Long.MAX_VALUE, idle, settled);
            queues.drain(Streams.REJECTED, Long.MAX_VALUE, OTHERS_IDLE, rejected);
            queues.drain(Streams.WINDOWS, Long.MAX_VALUE, OTHERS_IDLE, windows);
        }
    }

    /** Repeats on any of the three streams so far. */
    long repeats() {
        return settled.duplicates() + rejected.duplicates() + windows.duplicates();
    }

    String describe() {
        return "settled stream: " + settled.describe() + "; rejected stream: " + rejected.describe()
                + "; windows stream: " + windows.describe();
    }
}
