package io.xastream.feeder.connection.control;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * One configurable value and where it comes from: a command option, else the Java system
 * property, else the environment variable named after the property
 * ({@code xastream.ledgerA.url} → {@code XASTREAM_LEDGERA_URL}), else the default.
 * The server-side tooling reads the same names, so one export configures everything.
 * Only an absent value falls through: an empty one is taken, so an empty password can be given.
 */
public record Setting(String property, String defaultValue) {

    public static final Setting LEDGER_A_URL = new Setting("xastream.ledgerA.url", "jdbc:postgresql://127.0.0.1:5432/xastream");
    public static final Setting LEDGER_A_USER = new Setting("xastream.ledgerA.user", "xastream");
    public static final Setting LEDGER_A_PASSWORD = new Setting("xastream.ledgerA.password", "xastream");
    public static final Setting LEDGER_B_URL = new Setting("xastream.ledgerB.url", "jdbc:mariadb://127.0.0.1:3306/xastream");
    public static final Setting LEDGER_B_USER = new Setting("xastream.ledgerB.user", "xastream");
    public static final Setting LEDGER_B_PASSWORD = new Setting("xastream.ledgerB.password", "xastream");

    /** A full broker URL wins over {@link #HTTP_PORT}. */
    public static final Setting BROKER_URL = new Setting("xastream.broker.url", null);
    public static final Setting HTTP_PORT = new Setting("xastream.http.port", "8080");
    public static final Setting FEEDER_USER = new Setting("xastream.feeder.user", "feeder");
    public static final Setting FEEDER_PASSWORD = new Setting("xastream.feeder.password", "feeder-pw-1");
    /** The broker lets the feeder's identity only send transfers; the outputs are read as this one. */
    public static final Setting DOWNSTREAM_USER = new Setting("xastream.downstream.user", "downstream");
    public static final Setting DOWNSTREAM_PASSWORD = new Setting("xastream.downstream.password", "downstream-pw-1");

    public String environmentVariable() {
        return property.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** The value for this process; {@code option} is null when the command line did not give one. */
    public String resolve(String option) {
        return resolve(option, System.getProperties(), System.getenv());
    }

    public String resolve(String option, Properties systemProperties, Map<String, String> environment) {
        if (present(option)) {
            return option;
        }
        String property = systemProperties.getProperty(this.property);
        if (present(property)) {
            return property;
        }
        String env = environment.get(environmentVariable());
        if (present(env)) {
            return env;
        }
        return defaultValue;
    }

    private static boolean present(String value) {
        return value != null;
    }
}
