package io.xastream.transfer.control;

import io.xastream.stream.control.JsonFactories;
import io.xastream.ledger.control.Ledgers;
import io.xastream.ledger.control.Posting;
import io.xastream.ledger.entity.Account;
import io.xastream.stream.control.Stage;
import io.xastream.stream.control.StageContext;
import io.xastream.stream.control.StageSettings;
import io.xastream.stream.control.StreamRecord;
import io.xastream.transfer.entity.RecordOutcome;
import io.xastream.transfer.entity.TransferRecord;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Destination;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Stage 2, apply: debits one ledger and credits the other in the record's XA transaction, records
 * the outcome and publishes the settled event twice: to the settled stream (for whoever is
 * downstream) and to the aggregate stage. A record already settled is counted as a duplicate and
 * changes nothing; one the paying account cannot cover is rejected.
 * <p>
 * In mode local (the at-least-once baseline) a record may come again after some of its writes
 * committed: it books only the sides its ledgers do not hold yet, records its outcome if ledger A
 * has none, and emits its settled event again.
 */
@ApplicationScoped
public class ApplyStage implements Stage {

    public static final String NAME = "apply";
    public static final String SETTLED = "java:/jms/queue/xastream/settled";
    public static final String APPLIED = "java:/jms/queue/xastream/applied";

    @Inject
    Ledgers ledgers;

    @Inject
    OutcomeLog outcomes;

    private Destination settled;
    private Destination applied;
    private boolean atLeastOnce;

    @PostConstruct
    void destinations() {
        settled = StageSettings.output(NAME, "settled", SETTLED);
        applied = StageSettings.output(NAME, "output", APPLIED);
        atLeastOnce = StageSettings.of(this).mode() == StageSettings.Mode.LOCAL;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String defaultInput() {
        return ValidateStage.OUTPUT;
    }

    /** Locks every account of the epoch at once, in the one global order: epochs never deadlock each other. */
    @Override
    public void beforeEpoch(List<StreamRecord> records) {
        TreeSet<String> accounts = new TreeSet<>();
        for (StreamRecord record : records) {
            try {
                TransferRecord transfer = TransferParser.parse(record.body());
                accounts.add(transfer.from());
                accounts.add(transfer.to());
            } catch (RecordRejected ignored) {
                // rejected again in process()
            }
        }
        ledgers.lockInOrder(accounts.toArray(String[]::new));
    }

    @Override
    public void process(StreamRecord record, StageContext context) {
        try {
            TransferRecord transfer = TransferParser.parse(record.body());
            if (atLeastOnce) {
                settle(transfer, record.deliveryAttempt(), context);
                return;
            }
            if (outcomes.isSettled(transfer.id())) {
                outcomes.record(RecordOutcome.duplicate(transfer.id(), record.deliveryAttempt()));
                return;
            }
            settle(transfer, record.deliveryAttempt(), context);
        } catch (RecordRejected rejection) {
            outcomes.reject(record, rejection, context);
        }
    }

    private void settle(TransferRecord transfer, int deliveryAttempt, StageContext context) throws RecordRejected {
        Instant now = Instant.now();
        Map<String, Account> accounts = ledgers.lockInOrder(transfer.from(), transfer.to());
        Set<String> booked = atLeastOnce ? ledgers.accountsBooked(transfer.id(), transfer.from(), transfer.to()) : Set.of();
        Posting.post(transfer, accounts.get(transfer.from()), accounts.get(transfer.to()), now, booked)
                .forEach(ledgers::book);
        ledgers.flush();
        FaultInjection.afterLedgerWrites(transfer.id(), deliveryAttempt);
        FaultInjection.stallOnFirstAttempt(transfer.id(), deliveryAttempt);
        if (!atLeastOnce || !outcomes.isSettled(transfer.id())) {
            outcomes.record(RecordOutcome.settled(transfer.id(), deliveryAttempt));
        }
        String event = JsonFactories.BUILDERS.createObjectBuilder()
                .add("id", transfer.id())
                .add("from", transfer.from())
                .add("to", transfer.to())
                .add("amount", transfer.amount().toPlainString())
                .add("eventTime", transfer.eventTime().toString())
                .add("settledAt", now.toString())
                .build().toString();
        context.emit(settled, transfer.from(), transfer.id(), event);
        context.emit(applied, transfer.from(), transfer.id(), event);
    }
}
