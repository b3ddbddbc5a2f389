package io.xastream.stream.control;

import jakarta.persistence.PersistenceException;
import jakarta.resource.ResourceException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResourceOutageTest {

    @Test
    void aDatabaseAwayIsRecognisedHoweverTheLayersWrapIt() {
        // PostgreSQL shutting down under a statement, wrapped by Hibernate and JPA.
        assertTrue(ResourceOutage.caused(new PersistenceException("could not execute statement",
                new RuntimeException(new SQLException("terminating connection due to administrator command", "57P01")))));
        // The pool cannot open a connection: IronJacamar's ResourceException under a plain SQLException.
        assertTrue(ResourceOutage.caused(new PersistenceException(new SQLException("IJ031084",
                new ResourceException("IJ000453: Unable to get managed connection for java:jboss/datasources/LedgerB")))));
        // A socket refused, and a connection killed in MariaDB.
        assertTrue(ResourceOutage.caused(new IllegalStateException(new ConnectException("Connection refused"))));
        assertTrue(ResourceOutage.caused(new SQLException("Connection was killed", "70100", 1927)));
        assertTrue(ResourceOutage.caused(new SQLException("too many connections", "53300")));
    }

    @Test
    void aRecordsOwnFaultIsNot() {
        assertFalse(ResourceOutage.caused(new PersistenceException(
                new SQLIntegrityConstraintViolationException("duplicate key", "23505"))));
        assertFalse(ResourceOutage.caused(new SQLException("no state")));
        assertFalse(ResourceOutage.caused(new IllegalArgumentException("amount is not a number")));
        assertFalse(ResourceOutage.caused(null));
        RuntimeException cycle = new RuntimeException("a");
        RuntimeException other = new RuntimeException("b", cycle);
        cycle.initCause(other);
        assertFalse(ResourceOutage.caused(cycle), "a cause cycle ends");
    }
}
