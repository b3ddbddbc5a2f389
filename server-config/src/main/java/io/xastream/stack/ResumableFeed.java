package io.xastream.stack;

import io.xastream.contract.Streams;
import io.xastream.feeder.connection.entity.BrokerEndpoint;
import io.xastream.feeder.transfer.control.TransferSender;
import io.xastream.feeder.transfer.entity.GeneratedRecord;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A share of the soak's stream sent while the server may be killed: a thread sends it in small
 * committed batches, each message carrying the broker's duplicate id (its record id). A kill fails
 * the batch in flight, and the sender cannot know whether its commit reached the journal first.
 * {@link #resume} sends every record not confirmed again once the server is back, and the broker
 * drops the copies it already has (Artemis duplicate detection), so each record is queued once
 * however the kill fell: what a producer that must not lose or repeat records does.
 */
final class ResumableFeed {

    /** Small, so that a kill usually falls between two of a share's commits, not after the last. */
    static final int BATCH = 10;

    private final List<GeneratedRecord> records;
    private final Thread thread;
    private volatile long confirmed;
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
        try (TransferSender batches = TransferSender.withDuplicateIds(broker, Streams.TRANSFERS, BATCH)) {
            for (GeneratedRecord record : records) {
                batches.send(record.json(), record.recordId());
                confirmed = batches.confirmed();
            }
            batches.commit();
            confirmed = batches.confirmed();
        } catch (Exception e) {
            failure = e;
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
     * After the kill and the restart: waits for the sending thread to end (the kill broke its
     * connection), then sends what the broker had not confirmed, one message at a time outside a
     * transaction, so the broker stores each one or drops it as a copy. Returns how many were sent
     * again; 0 when the whole share was confirmed before the kill.
     */
    int resume(BrokerEndpoint broker, Duration limit) throws Exception {
        if (confirmed == records.size()) {
            // Nothing to send again. The thread may still be closing its connection to the killed
            // server, which the client can take its call timeout (30 s) to give up on.
            return 0;
        }
        thread.join(limit.toMillis());
        if (thread.isAlive()) {
            throw new IllegalStateException("the feeder is still sending " + limit + " after the kill");
        }
        int from = (int) confirmed;
        try (TransferSender once = TransferSender.withDuplicateIds(broker, Streams.TRANSFERS, 0)) {
            for (GeneratedRecord record : records.subList(from, records.size())) {
                once.send(record.json(), record.recordId());
            }
        }
        return records.size() - from;
    }

    /** Why the first send stopped, or null if it sent the whole share. */
    Exception failure() {
        return failure;
    }
}
