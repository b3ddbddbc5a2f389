package io.xastream.tools;

import io.xastream.contract.Streams;
import io.xastream.feeder.connection.entity.BrokerEndpoint;
import io.xastream.feeder.transfer.control.TransferSender;
import io.xastream.feeder.transfer.entity.GeneratedRecord;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A share of the soak's stream sent while the server may be killed: a thread sends it in small
 * committed batches through a {@linkplain TransferSender#resending resending} sender. A kill fails
 * the batch in flight, and the sender cannot know whether its commit reached the journal first: it
 * waits for the restarted server, sends every record not confirmed again, and the broker drops the
 * copies it already has (Artemis duplicate detection), so each record is queued once however the
 * kill fell: what a producer that must not lose or repeat records does.
 */
final class ResumableFeed {

    /** Small, so that a kill usually falls between two of a share's commits, not after the last. */
    static final int BATCH = 10;
    /** How long the sender waits for the killed server: as long as a boot may take. */
    private static final Duration RETRY_FOR = Duration.ofMinutes(3);

    private final List<GeneratedRecord> records;
    private final Thread thread;
    private volatile long confirmed;
    private volatile long confirmedBeforeOutage = -1;
    private volatile String outage;
    private volatile long resent;
    private volatile Exception failure;

    private ResumableFeed(BrokerEndpoint broker, List<GeneratedRecord> records) {
        this.records = records;
        this.thread = new Thread(() -> send(broker), "soak-feeder");
        thread.setDaemon(true);
    }

    static ResumableFeed start(BrokerEndpoint broker, List<GeneratedRecord> records) {
        ResumableFeed feed = new ResumableFeed(broker, records);
        feed.thread.start();
        return feed;
    }

    private void send(BrokerEndpoint broker) {
        try (TransferSender batches = TransferSender.resending(broker, Streams.TRANSFERS, BATCH, RETRY_FOR, this::said)) {
            for (GeneratedRecord record : records) {
                batches.send(record.json(), record.recordId());
                confirmed = batches.confirmed();
                resent = batches.resent();
            }
            batches.commit();
            confirmed = batches.confirmed();
            resent = batches.resent();
        } catch (Exception e) {
            failure = e;
        }
    }

    /** The sender's word on an outage: the first marks what was confirmed before the kill. */
    private void said(String line) {
        if (outage == null) {
            confirmedBeforeOutage = confirmed;
            outage = line;
        }
    }

    /**
     * Waits until the broker confirmed the given fraction of the records, the feed ended, or
     * {@code limit} passed; returns the wait in milliseconds.
     */
    long awaitConfirmed(double fraction, Duration limit) throws InterruptedException {
        long target = (long) (fraction * records.size());
        long start = System.nanoTime();
        while (confirmed < target && thread.isAlive() && System.nanoTime() - start < limit.toNanos()) {
            TimeUnit.MILLISECONDS.sleep(1);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /**
     * After the kill and the restart: waits until the sender has sent the whole share, the records it
     * had not seen confirmed sent again. What happened, in one line.
     */
    String awaitSent(Duration limit) throws InterruptedException {
        if (confirmed == records.size()) {
            // All confirmed before the kill. The thread may still be closing its connection to the
            // killed server, which the client can take its call timeout (30 s) to give up on.
            return allConfirmed();
        }
        thread.join(limit.toMillis());
        if (thread.isAlive()) {
            throw new IllegalStateException("the feeder is still sending " + limit + " after the kill");
        }
        if (failure != null) {
            // The checks that follow then find the records it could not send.
            return "the feeder gave up: " + failure.getMessage();
        }
        if (outage == null) {
            return allConfirmed();
        }
        return confirmedBeforeOutage + " of " + records.size() + " records confirmed before the kill; the sender said: "
                + outage + "; " + resent + " sent again after the restart with duplicate ids";
    }

    private String allConfirmed() {
        return "all " + records.size() + " records confirmed before the kill";
    }
}
