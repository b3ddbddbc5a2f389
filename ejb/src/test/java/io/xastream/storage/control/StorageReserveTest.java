package io.xastream.storage.control;

import io.xastream.storage.control.StoragePolicy.Reading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StorageReserveTest {

    private static final long MIB = 1 << 20;

    @Test
    void aReserveIsRealBytesBesideTheDirectoryAndCountsAsUsedOnceReleased(@TempDir Path dir) throws Exception {
        Path store = Files.createDirectories(dir.resolve("data/tx-object-store"));
        Reading reading = new Reading("log store", store, 100 * MIB, 50 * MIB);
        StorageReserve reserve = new StorageReserve(3 * MIB);

        assertFalse(reserve.present(reading));
        assertEquals(47 * MIB, reserve.accounted(List.of(reading)).get(0).freeBytes(), "a missing reserve counts as used");

        reserve.create(reading);
        Path file = dir.resolve("data").resolve(StorageReserve.FILE_NAME);
        assertEquals(3 * MIB, Files.size(file));
        assertTrue(reserve.present(reading));
        assertEquals(50 * MIB, reserve.accounted(List.of(reading)).get(0).freeBytes());

        reserve.release(reading);
        assertFalse(Files.exists(file));
    }

    @Test
    void aDirectoryNotCreatedYetKeepsItsReserveBesideItsNearestAncestor(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("data/activemq"));
        Reading paging = new Reading("paging", dir.resolve("data/activemq/paging"), 100 * MIB, 50 * MIB);

        assertEquals(dir.resolve("data").resolve(StorageReserve.FILE_NAME), StorageReserve.fileFor(paging));
    }
}
