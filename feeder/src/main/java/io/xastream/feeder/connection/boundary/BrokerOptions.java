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

    @Option(names = "--user", description = "Else, to send: xastream.feeder.user / XASTREAM_FEEDER_USER, feeder;"
            + " to read: xastream.downstream.user / XASTREAM_DOWNSTREAM_USER, downstream")
    String user;

    @Option(names = "--password", description = "Else, to send: xastream.feeder.password / XASTREAM_FEEDER_PASSWORD, feeder-pw-1;"
            + " to read: xastream.downstream.password / XASTREAM_DOWNSTREAM_PASSWORD, downstream-pw-1")
    String password;

    /** For sending transfers, the only thing the feeder's identity may do. */
    public BrokerEndpoint endpoint() {
        return Endpoints.broker(url, httpPort, user, password);
    }

    /** For reading the pipeline's outputs. */
    public BrokerEndpoint downstreamEndpoint() {
        return Endpoints.downstream(url, httpPort, user, password);
    }
}
