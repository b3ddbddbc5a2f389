package io.xastream.it.crash;

import io.xastream.harness.ArtemisBroker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A crash test's own standalone broker, as {@link OwnServer} is its own server: made by
 * {@link ArtemisBroker} from the distribution this build unpacked ({@code xastream.artemis.home}), on
 * a free port, with the identities the test logs in as (the first is the broker's admin), started.
 */
final class OwnBroker {

    /** Who logs in to the broker, with which password and role (broker.xml grants the roles). */
    enum Identity {
        ADMIN("it-admin", "it-admin-pw-1", "xastream-admin"),
        FEEDER("feeder", "feeder-pw-1", "feeder"),
        DOWNSTREAM("downstream", "downstream-pw-1", "downstream"),
        NODE("xastream-node", "node-pw-1", "xastream-node");

        final String user;
        final String password;
        final String role;

        Identity(String user, String password, String role) {
            this.user = user;
            this.password = password;
            this.role = role;
        }
    }

    private OwnBroker() {
    }

    static ArtemisBroker start(Path instance, Identity... identities) throws Exception {
        Map<String, ArtemisBroker.User> users = new LinkedHashMap<>();
        for (Identity identity : identities) {
            users.put(identity.user, new ArtemisBroker.User(identity.password, List.of(identity.role)));
        }
        return ArtemisBroker.create(Path.of(System.getProperty("xastream.artemis.home")), instance, ArtemisBroker.freePort(), users)
                .start(Duration.ofMinutes(1));
    }
}
