package io.xastream.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/configuration.md names every setting the code reads: each {@code xastream.*} system property
 * in the main sources of ejb, web, feeder, server-config, harness and tools, and each {@code ${xastream.*}}
 * expression of the CLI scripts and the persistence units. A setting added without a row fails here.
 */
class ConfigurationPageTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path PAGE = ROOT.resolve("docs/configuration.md");

    /** Queue names look like settings but are the broker's destinations (docs/record-format.md). */
    private static final Set<String> QUEUES = Set.of("xastream.transfers", "xastream.validated", "xastream.applied",
            "xastream.settled", "xastream.rejected", "xastream.deadletter", "xastream.windows");

    /** A Java literal naming a setting, and whether the code appends to it ({@code "xastream.stage." + name}). */
    private static final Pattern JAVA = Pattern.compile("\"(xastream\\.[A-Za-z0-9._-]*)\"(\\s*\\+)?");
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{(xastream\\.[A-Za-z0-9._-]+)");
    private static final Pattern DOCUMENTED = Pattern.compile("`(\\.?[A-Za-z0-9._<>-]+)`");

    @Test
    void everySettingTheCodeReadsHasARow() throws IOException {
        List<String> documented = documented(Files.readAllLines(PAGE));
        Set<String> missing = new TreeSet<>();
        for (Read read : reads()) {
            if (!QUEUES.contains(read.name()) && documented.stream().noneMatch(row -> covers(row, read))) {
                missing.add(read.name() + (read.prefix() ? "…" : "") + " (" + read.where() + ")");
            }
        }
        assertEquals(Set.of(), missing, "settings read by the code and missing from " + PAGE);
    }

    /** The check itself: a name in a row, a template of one, or (for code that appends) a row that starts so. */
    @Test
    void rowsCoverNamesTemplatesAndPrefixes() {
        List<String> rows = documented(List.of(
                "| `xastream.ledgerA.url` / `.user` / `.password` | … |",
                "| `xastream.stage.<name>.consumers` / `.epoch-records` | … |",
                "| `xastream.jdbc.postgresql.jar` / `.mariadb.jar` | … |",
                "| `xastream.bench.server.<property>` | … |"));
        assertEquals(List.of("xastream.ledgerA.url", "xastream.ledgerA.user", "xastream.ledgerA.password",
                "xastream.stage.<name>.consumers", "xastream.stage.<name>.epoch-records",
                "xastream.jdbc.postgresql.jar", "xastream.jdbc.mariadb.jar", "xastream.bench.server.<property>"), rows);
        assertTrue(rows.stream().anyMatch(row -> covers(row, new Read("xastream.ledgerA.password", false, ""))));
        assertTrue(rows.stream().anyMatch(row -> covers(row, new Read("xastream.stage.apply.epoch-records", false, ""))));
        assertTrue(rows.stream().anyMatch(row -> covers(row, new Read("xastream.bench.server.", true, ""))));
        assertTrue(rows.stream().anyMatch(row -> covers(row, new Read("xastream.ledger", true, ""))));
        assertTrue(rows.stream().noneMatch(row -> covers(row, new Read("xastream.ledgerA.pool", false, ""))));
        assertTrue(rows.stream().noneMatch(row -> covers(row, new Read("xastream.stage.apply.mode", false, ""))));
    }

    private record Read(String name, boolean prefix, String where) {
    }

    private static boolean covers(String row, Read read) {
        if (read.prefix()) {
            return row.startsWith(read.name());
        }
        return read.name().matches(Pattern.quote(row).replaceAll("<[^>]+>", "\\\\E[^.]+\\\\Q"));
    }

    /**
     * The settings the page's table rows name. A name written {@code .suffix} after a full one in the
     * same row stands for the full one with as many trailing parts replaced:
     * {@code `xastream.ledgerA.url` / `.user`} is also {@code xastream.ledgerA.user}.
     */
    private static List<String> documented(List<String> lines) {
        List<String> names = new ArrayList<>();
        for (String line : lines) {
            if (!line.startsWith("|")) {
                continue;
            }
            String full = null;
            Matcher m = DOCUMENTED.matcher(line);
            while (m.find()) {
                String token = m.group(1);
                if (token.startsWith("xastream.")) {
                    full = token;
                    names.add(token);
                } else if (token.startsWith(".") && full != null) {
                    String[] parts = full.split("\\.");
                    int replaced = token.substring(1).split("\\.").length;
                    names.add(String.join(".", List.of(parts).subList(0, parts.length - replaced)) + token);
                }
            }
        }
        return names;
    }

    private static List<Read> reads() throws IOException {
        List<Read> reads = new ArrayList<>();
        for (String module : List.of("ejb", "web", "feeder", "server-config", "harness", "tools")) {
            Path main = ROOT.resolve(module).resolve("src/main");
            try (Stream<Path> files = Files.walk(main)) {
                for (Path file : files.filter(f -> f.toString().matches(".*\\.(java|cli|xml)")).toList()) {
                    String text = Files.readString(file);
                    String where = ROOT.relativize(file).toString();
                    if (file.toString().endsWith(".java")) {
                        Matcher m = JAVA.matcher(text);
                        while (m.find()) {
                            reads.add(new Read(m.group(1), m.group(2) != null || m.group(1).endsWith("."), where));
                        }
                    } else {
                        Matcher m = EXPRESSION.matcher(text);
                        while (m.find()) {
                            reads.add(new Read(m.group(1), false, where));
                        }
                    }
                }
            }
        }
        return reads;
    }
}
