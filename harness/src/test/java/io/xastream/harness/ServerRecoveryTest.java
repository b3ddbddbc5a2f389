package io.xastream.harness;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerRecoveryTest {

    @Test
    void saysWhenRecoveryFinishedAndWhatItResolved() {
        ServerRecovery recovery = ServerRecovery.parse("""
                {"records":{},"recovery":{"state":"finished","startedAt":"2026-12-05T00:00:00Z","secondsSinceStart":9,
                 "finishedAfterSeconds":1.5,"resources":[
                  {"name":"log store","fromEarlierRuns":1,"resolved":1,"remaining":0,"readable":true},
                  {"name":"PostgreSQL (ledger A)","fromEarlierRuns":2,"resolved":2,"remaining":0,"readable":true}]}}""");

        assertTrue(recovery.finished());
        assertEquals("recovery finished 1.5 s after the server answered: 3 transactions and branches in doubt from earlier runs,"
                + " all resolved (log store 1 of 1, PostgreSQL (ledger A) 2 of 2)", recovery.describe());
    }

    @Test
    void saysWhatIsLeftWhileRecovering() {
        ServerRecovery recovery = ServerRecovery.parse("""
                {"recovery":{"state":"recovering","resources":[
                  {"name":"Artemis","fromEarlierRuns":3,"resolved":1,"remaining":2,"readable":true},
                  {"name":"MariaDB (ledger B)","fromEarlierRuns":0,"resolved":0,"remaining":0,"readable":false}]}}""");

        assertFalse(recovery.finished());
        assertEquals("recovery still recovering: 2 of 3 in doubt from earlier runs left (Artemis 1 of 3, MariaDB (ledger B) 0 of 0"
                + " (unreadable)); the dashboard's recovery section follows it", recovery.describe());
    }

    @Test
    void anOlderServerWithoutARecoveryViewIsUnknownNotFinished() {
        assertFalse(ServerRecovery.parse("{\"records\":{}}").finished());
    }
}
