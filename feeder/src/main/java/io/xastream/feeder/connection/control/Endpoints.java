package io.xastream.feeder.connection.control;

import io.xastream.feeder.connection.entity.BrokerEndpoint;
import io.xastream.feeder.connection.entity.LedgerConnections;
import io.xastream.feeder.connection.entity.LedgerEndpoint;

/** Builds the endpoints from {@link Setting}s; a null argument means "not given on the command line". */
public final class Endpoints {

    private Endpoints() {
    }

    public static LedgerConnections ledgers() {
        return ledgers(null, null, null, null, null, null);
    }

    public static LedgerConnections ledgers(String aUrl, String aUser, String aPassword,
                                            String bUrl, String bUser, String bPassword) {
        return new LedgerConnections(
                new LedgerEndpoint("ledger A",
                        Setting.LEDGER_A_URL.resolve(aUrl),
                        Setting.LEDGER_A_USER.resolve(aUser),
                        Setting.LEDGER_A_PASSWORD.resolve(aPassword)),
                new LedgerEndpoint("ledger B",
                        Setting.LEDGER_B_URL.resolve(bUrl),
                        Setting.LEDGER_B_USER.resolve(bUser),
                        Setting.LEDGER_B_PASSWORD.resolve(bPassword)));
    }

    public static BrokerEndpoint broker() {
        return broker(null, null, null, null);
    }

    /** The broker as the feeder's identity: it may send transfers and nothing else. */
    public static BrokerEndpoint broker(String url, Integer httpPort, String user, String password) {
        return new BrokerEndpoint(brokerUrl(url, httpPort), Setting.FEEDER_USER.resolve(user), Setting.FEEDER_PASSWORD.resolve(password));
    }

    /** The broker as the downstream identity, which reads the settled, rejected and dead-letter queues. */
    public static BrokerEndpoint downstream(String url, Integer httpPort, String user, String password) {
        return new BrokerEndpoint(brokerUrl(url, httpPort),
                Setting.DOWNSTREAM_USER.resolve(user), Setting.DOWNSTREAM_PASSWORD.resolve(password));
    }

    private static String brokerUrl(String url, Integer httpPort) {
        String resolvedUrl = Setting.BROKER_URL.resolve(url);
        if (resolvedUrl == null) {
            String port = Setting.HTTP_PORT.resolve(httpPort == null ? null : httpPort.toString());
            resolvedUrl = BrokerEndpoint.urlForHttpPort("127.0.0.1", Integer.parseInt(port.trim()));
        }
        return resolvedUrl;
    }
}
