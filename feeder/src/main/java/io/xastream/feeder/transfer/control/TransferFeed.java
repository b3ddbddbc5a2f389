package io.xastream.feeder.transfer.control;

import io.xastream.feeder.transfer.entity.FeedSummary;
import io.xastream.feeder.transfer.entity.GeneratedRecord;
import io.xastream.feeder.transfer.entity.RecordKind;
import jakarta.jms.JMSException;

import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Feeds records to a {@link TransferSender}, a writer (JSON lines), or both, at a given rate,
 * reporting progress about once a second.
 */
public final class TransferFeed {

    private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
    // Records about to wait this long are committed first, so a slow feed does not sit in a batch.
    private static final long COMMIT_BEFORE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final double recordsPerSecond;
    private Consumer<String> progress = line -> { };

    /** @param recordsPerSecond 0 for as fast as possible */
    public TransferFeed(double recordsPerSecond) {
        if (!(recordsPerSecond >= 0)) {
            throw new IllegalArgumentException("rate must be >= 0: " + recordsPerSecond);
        }
        this.recordsPerSecond = recordsPerSecond;
    }

    public TransferFeed reportingTo(Consumer<String> progress) {
        this.progress = progress;
        return this;
    }

    /**
     * @param sender where to send, or null to not send
     * @param out    where to write one JSON line per record, or null to not write
     */
    public FeedSummary run(Iterable<GeneratedRecord> records, TransferSender sender, Writer out)
            throws JMSException, IOException, InterruptedException {
        Map<RecordKind, Long> byKind = new EnumMap<>(RecordKind.class);
        long start = System.nanoTime();
        long nextReport = start + PROGRESS_EVERY_NANOS;
        long fed = 0;
        long sent = 0;
        String done = sender != null ? "sent" : "written";
        for (GeneratedRecord record : records) {
            if (recordsPerSecond > 0) {
                long due = start + (long) (fed * 1e9 / recordsPerSecond);
                long wait = due - System.nanoTime();
                if (wait >= COMMIT_BEFORE_WAIT_NANOS && sender != null) {
                    sender.commit();
                    wait = due - System.nanoTime();
                }
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            if (sender != null) {
                sender.send(record.json(), record.recordId());
                sent++;
            }
            if (out != null) {
                out.write(record.json());
                out.write('\n');
            }
            fed++;
            byKind.merge(record.kind(), 1L, Long::sum);
            long now = System.nanoTime();
            if (now >= nextReport) {
                progress.accept(String.format(Locale.ROOT, "%s %d records, %.0f records/s",
                        done, fed, fed / ((now - start) / 1e9)));
                nextReport = now + PROGRESS_EVERY_NANOS;
            }
        }
        if (sender != null) {
            sender.commit();
        }
        if (out != null) {
            out.flush();
        }
        return new FeedSummary(fed, sent, byKind, Duration.ofNanos(System.nanoTime() - start));
    }
}
