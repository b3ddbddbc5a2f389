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

    public static BrokerEndpoint broker(String url, Integer httpPort, String user, String password) {
        String resolvedUrl = Setting.BROKER_URL.resolve(url);
        if (resolvedUrl == null) {
            String port = Setting.HTTP_PORT.resolve(httpPort == null ? null : httpPort.toString());
            resolvedUrl = BrokerEndpoint.urlForHttpPort("127.0.0.1", Integer.parseInt(port.trim()));
        }
        return new BrokerEndpoint(resolvedUrl, Setting.FEEDER_USER.resolve(user), Setting.FEEDER_PASSWORD.resolve(password));
    }
}
