package io.xastream.it.crash;

import io.xastream.harness.PreparedBranches;
import io.xastream.it.LedgerStack;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.dmr.ModelNode;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * Everything prepared but not finished, in each of the four places it can hide: the prepared
 * branches that the log store and both ledgers show, plus Artemis' prepared transactions
 * ({@code -1}: not readable, the server being down).
 */
record InDoubt(PreparedBranches branches, int artemis) {

    boolean none() {
        return branches.none() && artemis == 0;
    }

    static InDoubt read(Path serverBaseDir, Integer managementPort) throws IOException, SQLException {
        int artemis = -1;
        if (managementPort != null) {
            try (ModelControllerClient client = ModelControllerClient.Factory.create("remote+http", "127.0.0.1", managementPort)) {
                ModelNode op = new ModelNode();
                op.get("operation").set("list-prepared-transactions");
                op.get("address").add("subsystem", "messaging-activemq").add("server", "default");
                ModelNode response = client.execute(op);
                if (!"success".equals(response.get("outcome").asString())) {
                    throw new IOException("list-prepared-transactions failed: " + response);
                }
                ModelNode prepared = response.get("result");
                artemis = prepared.isDefined() ? prepared.asList().size() : 0;
            }
        }
        return new InDoubt(PreparedBranches.read(serverBaseDir, LedgerStack.ledgerA(), LedgerStack.ledgerB()), artemis);
    }

    @Override
    public String toString() {
        return branches + (artemis < 0 ? "" : ", Artemis " + artemis);
    }
}
