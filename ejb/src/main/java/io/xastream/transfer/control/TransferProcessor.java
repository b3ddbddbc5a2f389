package io.xastream.transfer.control;

import io.xastream.ledger.control.Ledgers;
import io.xastream.ledger.control.Posting;
import io.xastream.ledger.entity.Account;
import io.xastream.transfer.entity.RecordOutcome;
import io.xastream.transfer.entity.TransferRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Map;

/**
 * Applies one record inside the caller's transaction: settled (both ledgers written, settled event
 * sent), rejected (rejected event sent, no balance touched) or a duplicate (counted, nothing else).
 * Any exception leaves the transaction to roll back as a whole.
 */
@ApplicationScoped
public class TransferProcessor {

    @Inject
    Ledgers ledgers;

    @Inject
    OutcomeLog outcomes;

    @Inject
    TransferEvents events;

    public void process(String body, int deliveryAttempt) {
        try {
            TransferRecord transfer = TransferParser.parse(body);
            if (outcomes.isSettled(transfer.id())) {
                outcomes.record(RecordOutcome.duplicate(transfer.id(), deliveryAttempt));
                return;
            }
            settle(transfer, deliveryAttempt);
        } catch (RecordRejected rejection) {
            outcomes.record(RecordOutcome.rejected(rejection.recordId(), rejection.reason(), rejection.detail(), deliveryAttempt));
            events.rejected(body, rejection);
        }
    }

    private void settle(TransferRecord transfer, int deliveryAttempt) throws RecordRejected {
        Instant now = Instant.now();
        Map<String, Account> accounts = ledgers.lockInOrder(transfer.from(), transfer.to());
        Posting.post(transfer, accounts.get(transfer.from()), accounts.get(transfer.to()), now)
                .forEach(ledgers::book);
        ledgers.flush();
        FaultInjection.afterLedgerWrites(transfer.id());
        FaultInjection.stallOnFirstAttempt(transfer.id(), deliveryAttempt);
        outcomes.record(RecordOutcome.settled(transfer.id(), deliveryAttempt));
        events.settled(transfer, now);
    }
}
