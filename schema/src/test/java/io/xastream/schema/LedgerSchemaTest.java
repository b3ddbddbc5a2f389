package io.xastream.schema;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The listed migrations are the files in each ledger's folder, well named, numbered 1, 2, 3, … without a gap. */
class LedgerSchemaTest {

    private static final Path RESOURCES = Path.of("src/main/resources/io/xastream/schema");
    private static final Pattern NAME = Pattern.compile("V(\\d+)__[a-z0-9_]+\\.sql");

    @Test
    void everyMigrationInAFolderIsListedInOrder() throws IOException {
        for (LedgerSchema ledger : LedgerSchema.values()) {
            List<String> files;
            try (Stream<Path> folder = Files.list(RESOURCES.resolve(ledger.folder()))) {
                files = new ArrayList<>(folder.map(file -> file.getFileName().toString()).toList());
            }
            files.sort((x, y) -> Integer.compare(version(x), version(y)));
            assertEquals(files, ledger.migrations(), "ledger " + ledger + ": the list must name every file of " + ledger.folder());
        }
    }

    @Test
    void versionsRunFromOneWithoutAGap() {
        for (LedgerSchema ledger : LedgerSchema.values()) {
            for (int i = 0; i < ledger.migrations().size(); i++) {
                assertEquals(i + 1, version(ledger.migrations().get(i)), "ledger " + ledger + ": " + ledger.migrations());
            }
        }
    }

    @Test
    void everyListedMigrationIsOnTheClassPath() throws IOException {
        for (LedgerSchema ledger : LedgerSchema.values()) {
            for (String migration : ledger.migrations()) {
                try (InputStream in = ledger.open(migration)) {
                    assertNotNull(in, ledger.folder() + "/" + migration);
                    assertTrue(in.readAllBytes().length > 0, ledger.folder() + "/" + migration + " is empty");
                }
            }
        }
    }

    private static int version(String file) {
        Matcher name = NAME.matcher(file);
        assertTrue(name.matches(), file + " is not named V<n>__<what>.sql");
        return Integer.parseInt(name.group(1));
    }
}
