package io.xastream.storage.control;

import io.xastream.storage.control.StoragePolicy.Reading;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A file of zeros kept on each watched filesystem and deleted the moment the disk is all but full:
 * room for what is already under way when the stream is held. The broker in particular must never meet a
 * full disk: a message routed while it considers the disk full makes it start paging, and if the
 * page file cannot be created it stops on a critical I/O error (AMQ222010) until the server restarts.
 * <p>
 * While released, the reserve still counts as used, so freeing it never resumes the stream by
 * itself; it is written again before the stream resumes.
 */
public final class StorageReserve {

    static final String FILE_NAME = ".xastream-storage-reserve";
    private static final int BLOCK = 1 << 20;

    private final long bytes;

    public StorageReserve(long bytes) {
        this.bytes = Math.max(0, bytes);
    }

    public long bytes() {
        return bytes;
    }

    /** Where the reserve of a reading's filesystem lives: beside its directory (or its nearest existing ancestor). */
    public static Path fileFor(Reading reading) {
        Path existing = reading.directory().toAbsolutePath();
        while (existing.getParent() != null && !Files.isDirectory(existing)) {
            existing = existing.getParent();
        }
        Path parent = existing.getParent();
        return (parent == null ? existing : parent).resolve(FILE_NAME);
    }

    public boolean present(Reading reading) {
        Path file = fileFor(reading);
        try {
            return bytes == 0 || Files.isRegularFile(file) && Files.size(file) >= bytes;
        } catch (IOException e) {
            return false;
        }
    }

    /** The readings with every released reserve counted as used. */
    public List<Reading> accounted(List<Reading> readings) {
        List<Reading> accounted = new ArrayList<>();
        for (Reading reading : readings) {
            accounted.add(present(reading) ? reading : new Reading(reading.label(), reading.directory(), reading.totalBytes(),
                    Math.max(0, reading.freeBytes() - bytes)));
        }
        return accounted;
    }

    /** Writes the reserve where it is missing; a partial file is removed (the disk has no room for it). */
    public void create(Reading reading) throws IOException {
        if (present(reading)) {
            return;
        }
        Path file = fileFor(reading);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer zeros = ByteBuffer.allocate(BLOCK);
            // Zeros written, not a length set: a sparse file would reserve nothing.
            for (long written = 0; written < bytes; ) {
                zeros.clear().limit((int) Math.min(BLOCK, bytes - written));
                written += channel.write(zeros);
            }
            channel.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** Deletes the reserve, if any: its room goes to what is under way. True if there was one. */
    public boolean release(Reading reading) throws IOException {
        return Files.deleteIfExists(fileFor(reading));
    }
}
