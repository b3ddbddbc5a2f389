package io.xastream.contract;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract is used, not copied: no Java source of the other modules spells a queue name, a
 * queue's JNDI name or a message property name as a literal. (A compiled constant is inlined, so
 * only the sources can tell a use from a copy.) The server's CLI scripts and the documentation
 * name them in their own languages and are not checked here.
 */
class ContractLiteralsTest {

    private static final Path PROJECT = Path.of("").toAbsolutePath().getParent();
    /** Main sources, and the system tests, which are a client like the feeder. Unit tests may spell the wire format they assert. */
    private static final List<String> SOURCES = List.of("ejb/src/main", "web/src/main", "feeder/src/main", "invariant/src/main",
            "server-config/src/main", "harness/src/main", "tools/src/main", "it/src/test");

    @Test
    void noOtherModuleSpellsTheContractsNames() throws Exception {
        List<String> names = new ArrayList<>();
        names.addAll(constants(Streams.class));
        names.addAll(constants(MessageProperties.class));
        assertTrue(names.size() > 20, "read the contract's constants: " + names);

        List<String> copies = new ArrayList<>();
        long files = 0;
        for (String module : SOURCES) {
            Path root = PROJECT.resolve(module);
            assertTrue(Files.isDirectory(root), "no sources at " + root);
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path file : walk.filter(path -> path.toString().endsWith(".java")).toList()) {
                    files++;
                    String text = read(file);
                    for (String name : names) {
                        if (text.contains('"' + name + '"')) {
                            copies.add(PROJECT.relativize(file) + ": \"" + name + '"');
                        }
                    }
                }
            }
        }
        assertTrue(files > 100, "read only " + files + " sources");
        assertEquals(List.of(), copies, "use io.xastream.contract instead of these literals");
    }

    private static List<String> constants(Class<?> type) throws IllegalAccessException {
        List<String> values = new ArrayList<>();
        for (Field field : type.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                values.add((String) field.get(null));
            }
        }
        return values;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
