package io.xastream.feeder.connection.boundary;

import io.xastream.feeder.connection.control.Endpoints;
import io.xastream.feeder.connection.entity.BrokerEndpoint;
import picocli.CommandLine.Option;

/** JMS options shared by the commands; unset ones fall back to {@code Setting}. */
public class BrokerOptions {

    @Option(names = "--broker-url", paramLabel = "URL",
            description = "Artemis client URL. Else xastream.broker.url / XASTREAM_BROKER_URL, else built from --http-port")
    String url;

    @Option(names = "--http-port", paramLabel = "PORT",
            description = "WildFly HTTP port the client upgrades to messaging. Else xastream.http.port / XASTREAM_HTTP_PORT, 8080")
    Integer httpPort;

    @Option(names = "--user", description = "Else xastream.feeder.user / XASTREAM_FEEDER_USER, feeder")
    String user;

    @Option(names = "--password", description = "Else xastream.feeder.password / XASTREAM_FEEDER_PASSWORD, feeder-pw-1")
    String password;

    public BrokerEndpoint endpoint() {
        return Endpoints.broker(url, httpPort, user, password);
    }
}
