package io.xastream.operation.boundary;

/** The dashboard's roles (web.xml; server-config/configure-server.sh creates one user of each). */
public final class Roles {

    /** Reads everything: the whole API needs it. */
    public static final String MONITOR = "monitor";
    /** Also acts: replays, discards, recovery scans. */
    public static final String OPERATOR = "operator";

    private Roles() {
    }
}
