package io.xastream.storage.control;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether the disks under the transaction log store and the broker's journal have room for more
 * work. The server holds new records when a filesystem reaches {@code limitPercent} used, and takes
 * them again once it is back below {@code limitPercent - resumeMargin}, so a disk hovering at the
 * limit does not pause and resume the stream every second.
 * <p>
 * The limit sits below the broker's own (its max-disk-usage): past that the broker blocks every
 * producer, the stages' own sends included, and their transactions would hang until they time out,
 * each timeout costing every record of the epoch a delivery attempt.
 * <p>
 * A percentage alone is not enough on a small disk: the broker takes its journal a whole file at a
 * time (10 MiB by default), so on a disk of a few hundred MiB one new journal file jumps from
 * below the limit to full between two checks, and the transaction log's next write fails. So the
 * server also holds while less than {@code minFreeBytes} is free, and resumes once twice that is.
 */
public final class StoragePolicy {

    /** One watched directory and the filesystem it lives on, as read now. */
    public record Reading(String label, Path directory, long totalBytes, long freeBytes) {

        public double usedPercent() {
            return totalBytes <= 0 ? 0 : 100.0 * (totalBytes - freeBytes) / totalBytes;
        }

        public String describe() {
            return String.format("%s (%s): %.1f %% used, %d MiB free of %d MiB", label, directory, usedPercent(),
                    freeBytes >> 20, totalBytes >> 20);
        }
    }

    private final double limitPercent;
    private final double resumePercent;
    private final long minFreeBytes;

    public StoragePolicy(double limitPercent, double resumeMargin, long minFreeBytes) {
        if (limitPercent <= 0 || limitPercent > 100) {
            throw new IllegalArgumentException("storage limit must be a percentage in (0, 100], not " + limitPercent);
        }
        if (minFreeBytes < 0) {
            throw new IllegalArgumentException("free space to keep must not be negative: " + minFreeBytes);
        }
        this.limitPercent = limitPercent;
        this.resumePercent = Math.max(0, limitPercent - resumeMargin);
        this.minFreeBytes = minFreeBytes;
    }

    public long minFreeBytes() {
        return minFreeBytes;
    }

    public double limitPercent() {
        return limitPercent;
    }

    /**
     * The fullest of the readings that keeps (or puts) the server on hold, or null when work may go
     * on: past the limit (or short of the free space to keep) when not held yet; not yet back below
     * the resume mark (or twice the free space to keep) when held.
     */
    public Reading holding(List<Reading> readings, boolean held) {
        double threshold = held ? resumePercent : limitPercent;
        long freeNeeded = held ? 2 * minFreeBytes : minFreeBytes;
        Reading fullest = null;
        for (Reading reading : readings) {
            boolean over = (held ? reading.usedPercent() > threshold : reading.usedPercent() >= threshold)
                    || reading.freeBytes() < freeNeeded;
            if (over && (fullest == null || reading.usedPercent() > fullest.usedPercent())) {
                fullest = reading;
            }
        }
        return fullest;
    }

    /**
     * Reads the directories' filesystems, once per filesystem (the log store and the journal
     * usually share one). A directory not created yet is read through its nearest existing parent.
     */
    public static List<Reading> read(Map<String, Path> directories) throws IOException {
        Map<FileStore, Reading> byStore = new LinkedHashMap<>();
        for (Map.Entry<String, Path> watched : directories.entrySet()) {
            Path existing = watched.getValue().toAbsolutePath();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null) {
                continue;
            }
            FileStore store = Files.getFileStore(existing);
            Reading known = byStore.get(store);
            if (known == null) {
                byStore.put(store, new Reading(watched.getKey(), watched.getValue(), store.getTotalSpace(), store.getUsableSpace()));
            } else {
                byStore.put(store, new Reading(known.label() + ", " + watched.getKey(), known.directory(),
                        known.totalBytes(), known.freeBytes()));
            }
        }
        return new ArrayList<>(byStore.values());
    }
}
