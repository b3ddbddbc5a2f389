package io.xastream.feeder.connection.boundary;

import io.xastream.feeder.connection.control.Endpoints;
import io.xastream.feeder.connection.entity.LedgerConnections;
import picocli.CommandLine.Option;

/** Ledger database options shared by the commands; unset ones fall back to {@code Setting}. */
public class LedgerOptions {

    @Option(names = "--ledger-a-url", paramLabel = "JDBC_URL",
            description = "Ledger A (PostgreSQL). Else xastream.ledgerA.url / XASTREAM_LEDGERA_URL, jdbc:postgresql://127.0.0.1:5432/xastream")
    String ledgerAUrl;

    @Option(names = "--ledger-a-user", description = "Else xastream.ledgerA.user / XASTREAM_LEDGERA_USER, xastream")
    String ledgerAUser;

    @Option(names = "--ledger-a-password", description = "Else xastream.ledgerA.password / XASTREAM_LEDGERA_PASSWORD, xastream")
    String ledgerAPassword;

    @Option(names = "--ledger-b-url", paramLabel = "JDBC_URL",
            description = "Ledger B (MariaDB). Else xastream.ledgerB.url / XASTREAM_LEDGERB_URL, jdbc:mariadb://127.0.0.1:3306/xastream")
    String ledgerBUrl;

    @Option(names = "--ledger-b-user", description = "Else xastream.ledgerB.user / XASTREAM_LEDGERB_USER, xastream")
    String ledgerBUser;

    @Option(names = "--ledger-b-password", description = "Else xastream.ledgerB.password / XASTREAM_LEDGERB_PASSWORD, xastream")
    String ledgerBPassword;

    public LedgerConnections connections() {
        return Endpoints.ledgers(ledgerAUrl, ledgerAUser, ledgerAPassword, ledgerBUrl, ledgerBUser, ledgerBPassword);
    }
}
