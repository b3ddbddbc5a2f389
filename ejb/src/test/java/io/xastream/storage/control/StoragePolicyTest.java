package io.xastream.storage.control;

import io.xastream.storage.control.StoragePolicy.Reading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoragePolicyTest {

    private static final long MIB = 1 << 20;
    private final StoragePolicy policy = new StoragePolicy(88, 3, 0);

    private static Reading used(String label, long totalMib, long usedMib) {
        return new Reading(label, Path.of("/data/" + label), totalMib * MIB, (totalMib - usedMib) * MIB);
    }

    @Test
    void holdsWhenAnyDiskReachesTheLimitNamingTheFullest() {
        Reading journal = used("journal", 100, 90);
        Reading store = used("store", 100, 99);
        assertNull(policy.holding(List.of(used("journal", 100, 87), used("store", 100, 10)), false));
        assertEquals(store, policy.holding(List.of(journal, store), false));
        assertEquals(journal, policy.holding(List.of(used("store", 100, 5), journal), false));
    }

    @Test
    void resumesOnlyBelowTheMarginSoAHoveringDiskDoesNotFlap() {
        assertEquals(88, policy.holding(List.of(used("journal", 100, 86)), true).usedPercent(), 2.1);
        assertNull(policy.holding(List.of(used("journal", 100, 86)), false));
        assertNull(policy.holding(List.of(used("journal", 100, 84)), true));
    }

    @Test
    void onASmallDiskKeepsRoomForTheBrokersNextJournalFile() {
        StoragePolicy small = new StoragePolicy(93, 3, 20 * MIB);
        // 256 MiB: 92 % used leaves 20.5 MiB, room for two 10 MiB journal files; 19 MiB free does not.
        assertNull(small.holding(List.of(used("journal", 256, 235)), false));
        assertEquals(19 * MIB, small.holding(List.of(used("journal", 256, 237)), false).freeBytes());
        // Held: resumes once twice the room is free, not at the first byte past it.
        assertEquals("journal", small.holding(List.of(used("journal", 256, 220)), true).label());
        assertNull(small.holding(List.of(used("journal", 256, 215)), true));
        // On a large disk the percentage decides.
        assertNull(small.holding(List.of(used("journal", 100_000, 92_000)), false));
        assertEquals("journal", small.holding(List.of(used("journal", 100_000, 93_000)), false).label());
        assertThrows(IllegalArgumentException.class, () -> new StoragePolicy(93, 3, -1));
    }

    @Test
    void refusesALimitThatIsNoPercentage() {
        assertThrows(IllegalArgumentException.class, () -> new StoragePolicy(0, 3, 0));
        assertThrows(IllegalArgumentException.class, () -> new StoragePolicy(101, 3, 0));
    }

    @Test
    void theReserveIsSpentOnlyOnceTheDiskIsAllButFullAndStoppedFilling() {
        StoragePolicy small = new StoragePolicy(93, 3, 20 * MIB);
        Reading held = used("journal", 256, 241);
        // Held at 94 % (15 MiB free of 256), not all but full: the reserve stays.
        assertNotNull(small.holding(List.of(held), false));
        assertFalse(small.reserveDue(held, null));
        // Less than one journal file free, but still filling fast: whatever fills it would eat the reserve too.
        assertFalse(small.reserveDue(used("journal", 256, 250), held));
        // No longer filling (the writer stopped, or only the server's own small writes go on).
        assertTrue(small.reserveDue(used("journal", 256, 250), used("journal", 256, 250)));
        // Full: whatever filled it met the end of the disk, the broker must not be next.
        assertTrue(small.reserveDue(used("journal", 256, 256), used("journal", 256, 100)));
        assertTrue(small.reserveDue(used("journal", 256, 250), null));
        // With no free space to keep configured, the last MiB still counts as all but full.
        assertFalse(policy.reserveDue(used("journal", 100, 98), null));
        assertTrue(policy.reserveDue(new Reading("journal", Path.of("/data"), 100 * MIB, MIB / 2), null));
    }

    @Test
    void readsEachFilesystemOnceAndDirectoriesNotCreatedYetThroughTheirParent(@TempDir Path dir) throws Exception {
        Path store = Files.createDirectories(dir.resolve("tx-object-store"));
        Map<String, Path> watched = new LinkedHashMap<>();
        watched.put("log store", store);
        watched.put("journal", dir.resolve("activemq/journal"));

        List<Reading> readings = StoragePolicy.read(watched);

        assertEquals(1, readings.size(), readings.toString());
        assertEquals("log store, journal", readings.get(0).label());
        assertTrue(readings.get(0).totalBytes() > 0 && readings.get(0).freeBytes() <= readings.get(0).totalBytes());
        assertTrue(readings.get(0).describe().contains("% used"), readings.get(0).describe());
    }

    @Test
    void knownFilesystemsAreReusedButTheSpaceIsReadAfresh(@TempDir Path dir) throws Exception {
        Map<String, Path> watched = Map.of("log store", Files.createDirectories(dir.resolve("tx-object-store")));
        Map<Path, FileStore> stores = new HashMap<>();

        long before = StoragePolicy.read(watched, stores).get(0).freeBytes();
        assertEquals(1, stores.size(), "the filesystem is remembered");
        Path filler = dir.resolve("filler");
        try (FileChannel channel = FileChannel.open(filler, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer block = ByteBuffer.allocate(1 << 20);
            for (int i = 0; i < 64; i++) {
                channel.write(block.clear());
            }
            channel.force(true);
        }
        long after = StoragePolicy.read(watched, stores).get(0).freeBytes();

        // 64 MiB written; other writers on the same disk may move it a little either way.
        assertTrue(before - after > 32 << 20, "free space read afresh: " + before + " then " + after);
    }
}
