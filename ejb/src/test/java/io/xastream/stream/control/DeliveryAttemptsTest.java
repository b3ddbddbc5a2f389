package io.xastream.stream.control;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeliveryAttemptsTest {

    private static StreamRecord delivery(String messageId, int attempt) {
        return new StreamRecord("r-" + messageId, "A-1", "{}", attempt, messageId);
    }

    @Test
    void aRecordAloneIsChargedEveryFailedAttemptAndIsOutOfAttemptsAtTheLimit() {
        DeliveryAttempts attempts = new DeliveryAttempts();
        assertEquals(5, attempts.limit());
        assertEquals(0, attempts.charged(delivery("m", 1)));
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertFalse(attempts.exhausted(delivery("m", attempt)), "attempt " + attempt);
            attempts.rolledBack(List.of(delivery("m", attempt)));
        }
        assertEquals(5, attempts.charged(delivery("m", 6)));
        assertTrue(attempts.exhausted(delivery("m", 6)));
    }

    @Test
    void failedEpochsSharedWithOtherRecordsAreChargedOnceWhateverTheirNumber() {
        DeliveryAttempts attempts = new DeliveryAttempts();
        // Rolled back 7 times in epochs with other records (each time another record's fault), then alone twice.
        for (int attempt = 1; attempt <= 7; attempt++) {
            attempts.rolledBack(List.of(delivery("healthy", attempt), delivery("poison-" + attempt, 1)));
        }
        assertEquals(1, attempts.charged(delivery("healthy", 8)));
        assertEquals(1, attempts.pauseAttempt(delivery("healthy", 8)), "no retry pause: most likely not its fault");
        attempts.rolledBack(List.of(delivery("healthy", 8)));
        attempts.rolledBack(List.of(delivery("healthy", 9)));
        assertEquals(3, attempts.charged(delivery("healthy", 10)));
        assertEquals(3, attempts.pauseAttempt(delivery("healthy", 10)), "the pause grows with the failures alone");
        assertFalse(attempts.exhausted(delivery("healthy", 10)));
    }

    @Test
    void deliveriesThatEndedWhereThisServerCouldNotSeeWhyAreNotCharged() {
        // A new server (nothing remembered), or a node sharing the broker, gets records whose earlier
        // deliveries ended elsewhere: in crashes, on another node, rolled back by recovery.
        DeliveryAttempts attempts = new DeliveryAttempts();
        assertEquals(1, attempts.pauseAttempt(delivery("rolled-back-by-recovery", 2)), "no pause: this server saw no failure");
        assertEquals(0, attempts.charged(delivery("rolled-back-by-recovery", 2)));
        assertEquals(0, attempts.charged(delivery("after-five-crashes-elsewhere", 6)));
        assertFalse(attempts.exhausted(delivery("after-five-crashes-elsewhere", 6)), "a healthy record dead-lettered for another node's death");
        // Failing alone here, it is charged and waits as any record does, until out of its own attempts.
        for (int attempt = 6; attempt < 11; attempt++) {
            assertFalse(attempts.exhausted(delivery("after-five-crashes-elsewhere", attempt)), "attempt " + attempt);
            attempts.rolledBack(List.of(delivery("after-five-crashes-elsewhere", attempt)));
        }
        assertEquals(6, attempts.pauseAttempt(delivery("after-five-crashes-elsewhere", 11)));
        assertTrue(attempts.exhausted(delivery("after-five-crashes-elsewhere", 11)));
    }

    @Test
    void aCommitForgetsTheFailuresAndARecordWithoutMessageIdCountsAsTheBrokerCounts() {
        DeliveryAttempts attempts = new DeliveryAttempts();
        attempts.rolledBack(List.of(delivery("x", 1), delivery("y", 1)));
        attempts.rolledBack(List.of(delivery("x", 2), delivery("z", 1)));
        assertEquals(1, attempts.charged(delivery("x", 3)));
        attempts.committed(List.of(delivery("x", 3)));
        assertEquals(0, attempts.charged(delivery("x", 3)), "forgotten");
        assertEquals(4, attempts.charged(new StreamRecord("chained", "A-1", "{}", 5)));
    }

    @Test
    void commitsThatFailAfterTheStagesDidTheirWorkAreChargedToNoRecord() {
        DeliveryAttempts attempts = new DeliveryAttempts();
        // A full disk: the log store cannot write, ten commits in a row fail, alone and in epochs.
        for (int attempt = 1; attempt <= 10; attempt++) {
            attempts.systemFailed(attempt % 2 == 0 ? List.of(delivery("healthy", attempt))
                    : List.of(delivery("healthy", attempt), delivery("other-" + attempt, 1)));
        }
        assertEquals(0, attempts.charged(delivery("healthy", 11)));
        assertFalse(attempts.exhausted(delivery("healthy", 11)), "dead-lettered for a full disk");
        assertEquals(6, attempts.pauseAttempt(delivery("healthy", 11)), "5 failed alone: it waits as long as a record can");
        // Its own failures still count, and only they.
        attempts.rolledBack(List.of(delivery("healthy", 11)));
        attempts.rolledBack(List.of(delivery("healthy", 12)));
        assertEquals(2, attempts.charged(delivery("healthy", 13)));
        attempts.committed(List.of(delivery("healthy", 13)));
        assertEquals(0, attempts.charged(delivery("healthy", 13)), "forgotten once committed");
    }

    @Test
    void aDatabaseAwayLongerThanTheAttemptsDeadLettersNoRecordAndStretchesThePause() {
        DeliveryAttempts attempts = new DeliveryAttempts();
        SQLException refused = new SQLNonTransientConnectionException("Could not connect to 127.0.0.1:3306", "08000");
        RuntimeException away = new RuntimeException("Unable to acquire JDBC Connection",
                new SQLException("IJ031084: Unable to create connection", refused));
        // The epoch it came in, then twelve attempts alone, every one while ledger B restarts.
        attempts.rolledBack(List.of(delivery("healthy", 1), delivery("other", 1)), away);
        assertEquals(1, attempts.pauseAttempt(delivery("healthy", 2)), "first alone: at once");
        for (int attempt = 2; attempt <= 13; attempt++) {
            attempts.rolledBack(List.of(delivery("healthy", attempt)), away);
        }
        assertEquals(0, attempts.charged(delivery("healthy", 14)));
        assertFalse(attempts.exhausted(delivery("healthy", 14)), "dead-lettered because a database was down");
        assertEquals(13, attempts.pauseAttempt(delivery("healthy", 14)));
        // A failure of its own after the database is back is charged as ever.
        RuntimeException poison = new IllegalArgumentException("amount is not a number");
        for (int attempt = 14; attempt < 19; attempt++) {
            attempts.rolledBack(List.of(delivery("healthy", attempt)), poison);
        }
        assertEquals(5, attempts.charged(delivery("healthy", 19)));
        assertTrue(attempts.exhausted(delivery("healthy", 19)));
    }
}
