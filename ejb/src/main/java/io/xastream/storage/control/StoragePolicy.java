package io.xastream.storage.control;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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

    private static final long MIB = 1 << 20;

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
     * Whether to spend a disk's reserve now: the disk is all but full (less than half the free space
     * to keep, one of the broker's journal files by default) and has stopped filling (it lost less
     * than 1 MiB since the reading before); or it is full (less than 1 MiB free), when whatever
     * filled it has met the end of the disk and the broker must not be next. Not earlier: a disk that
     * is still filling (another process copying a large file onto it) would eat the reserve as well.
     *
     * @param before the same disk's previous reading, or null
     */
    public boolean reserveDue(Reading now, Reading before) {
        boolean full = now.freeBytes() < MIB;
        boolean allButFull = now.freeBytes() < Math.max(minFreeBytes / 2, MIB);
        boolean stillFilling = before != null && before.freeBytes() - now.freeBytes() >= MIB;
        return full || allButFull && !stillFilling;
    }

    /**
     * Reads the directories' filesystems, once per filesystem (the log store and the journal
     * usually share one). A directory not created yet is read through its nearest existing parent.
     */
    public static List<Reading> read(Map<String, Path> directories) throws IOException {
        return read(directories, new HashMap<>());
    }

    /**
     * As {@link #read(Map)}, with the filesystem of each directory taken from {@code stores} when
     * known there (finding it reads the mount table, by far the dearest part of a reading) and
     * added to it otherwise. The space is read afresh each time.
     */
    public static List<Reading> read(Map<String, Path> directories, Map<Path, FileStore> stores) throws IOException {
        Map<FileStore, Reading> byStore = new LinkedHashMap<>();
        for (Map.Entry<String, Path> watched : directories.entrySet()) {
            Path existing = watched.getValue().toAbsolutePath();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null) {
                continue;
            }
            FileStore store = stores.get(existing);
            if (store == null) {
                store = Files.getFileStore(existing);
                stores.put(existing, store);
            }
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
