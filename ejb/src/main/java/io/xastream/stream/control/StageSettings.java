package io.xastream.stream.control;

import jakarta.jms.Destination;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.Locale;

/**
 * A stage's configuration, from system properties (so from the server's configuration, a
 * {@code --properties} file or {@code -D}), read when the stage starts:
 * <ul>
 * <li>{@code xastream.stage.<name>.mode}: {@code epoch} (default: loop consumers, up to N records or T ms
 * per transaction), {@code record} (a message-driven bean, one record per transaction), {@code off} (this server
 * does not run the stage) or {@code local} (the at-least-once benchmark baseline, see {@link Mode#LOCAL});</li>
 * <li>{@code xastream.stage.<name>.consumers}: concurrent consumers, default {@code xastream.transfers.consumers}, else 16;</li>
 * <li>{@code xastream.stage.<name>.epoch-records} (N, default 100) and {@code .epoch-millis} (T, default 50);</li>
 * <li>{@code xastream.stage.<name>.input}: the JNDI name of its queue; each stage names its outputs
 * likewise ({@link #output});</li>
 * <li>{@code xastream.stage.<name>.chain}, default {@code xastream.topology.chain}, else true: the stage
 * takes the records that another stage emits to its input inside that stage's transaction
 * ({@link Topology}); false puts its queue between them, so it scales and fails apart. A stage that is
 * off is never chained.</li>
 * </ul>
 * The message-driven bean's delivery is started for mode {@code record} only (StageConsumers), and its
 * maxSession is an expression over the consumer count (server-config/mdb-pool.cli).
 */
public record StageSettings(String stage, Mode mode, int consumers, int epochRecords, long epochMillis, String input,
                            boolean chained) {

    public enum Mode {
        RECORD, EPOCH,
        /** Not consumed on this server: its records wait in its input queue until the stage is on again. */
        OFF,
        /**
         * At least once, the benchmark baseline: loop consumers like epoch mode, but without XA. Each
         * database commits its own local transaction (one phase), then the JMS session commits the
         * consumed records and the emitted ones; a failure in between redelivers records whose writes
         * are already committed, so the stage's writes must be idempotent, and what it emits may repeat.
         */
        LOCAL
    }

    public static StageSettings of(Stage stage) {
        String prefix = "xastream.stage." + stage.name() + ".";
        String mode = System.getProperty(prefix + "mode", "epoch").trim().toUpperCase(Locale.ROOT);
        Mode parsed;
        try {
            parsed = Mode.valueOf(mode);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + "mode must be record, epoch, off or local, not " + mode.toLowerCase(Locale.ROOT));
        }
        int consumers = positive(prefix + "consumers", Integer.getInteger("xastream.transfers.consumers", 16));
        int epochRecords = positive(prefix + "epoch-records", 100);
        int epochMillis = positive(prefix + "epoch-millis", 50);
        boolean chained = flag(prefix + "chain", flag("xastream.topology.chain", true)) && parsed != Mode.OFF;
        return new StageSettings(stage.name(), parsed, consumers, epochRecords, epochMillis,
                System.getProperty(prefix + "input", stage.defaultInput()), chained);
    }

    private static boolean flag(String property, boolean fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(property + " must be true or false, not " + value);
        };
    }

    private static int positive(String property, int fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(property + " must be a positive whole number, not " + value);
    }

    /** The destination a stage emits to under the given role, {@code xastream.stage.<name>.<role>} or its default. */
    public static Destination output(String stage, String role, String defaultJndiName) {
        return lookup(System.getProperty("xastream.stage." + stage + "." + role, defaultJndiName));
    }

    public static Destination lookup(String jndiName) {
        try {
            return (Destination) new InitialContext().lookup(jndiName);
        } catch (NamingException e) {
            throw new IllegalStateException("no destination bound at " + jndiName, e);
        }
    }
}
