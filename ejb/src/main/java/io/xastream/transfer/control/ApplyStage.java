package io.xastream.transfer.control;

import io.xastream.contract.Streams;
import io.xastream.contract.TransferFormat;
import io.xastream.ledger.control.Ledgers;
import io.xastream.ledger.entity.Account;
import io.xastream.ledger.entity.LedgerEntry;
import io.xastream.stream.control.FaultInjection;
import io.xastream.stream.control.JsonFactories;
import io.xastream.stream.control.Stage;
import io.xastream.stream.control.StageContext;
import io.xastream.stream.control.StageSettings;
import io.xastream.stream.control.StreamRecord;
import io.xastream.transfer.entity.RecordOutcome;
import io.xastream.transfer.entity.SettledOnce;
import io.xastream.transfer.entity.TransferRecord;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Destination;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stage 2, apply: debits one ledger and credits the other in the records' XA transaction, records
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

    @Inject
    Ledgers ledgers;

    @Inject
    OutcomeLog outcomes;

    private Destination settled;
    private Destination applied;
    private boolean atLeastOnce;

    public ApplyStage() {
    }

    /** A stage on its own, for tests: the given ledgers, outcome log and outputs. */
    ApplyStage(Ledgers ledgers, OutcomeLog outcomes, Destination settled, Destination applied, boolean atLeastOnce) {
        this.ledgers = ledgers;
        this.outcomes = outcomes;
        this.settled = settled;
        this.applied = applied;
        this.atLeastOnce = atLeastOnce;
    }

    @PostConstruct
    void destinations() {
        settled = StageSettings.output(NAME, "settled", Streams.SETTLED_JNDI);
        applied = StageSettings.output(NAME, "output", Streams.APPLIED_JNDI);
        atLeastOnce = StageSettings.of(this).mode() == StageSettings.Mode.LOCAL;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String defaultInput() {
        return Streams.VALIDATED_JNDI;
    }

    @Override
    public List<Destination> outputs() {
        return List.of(settled, applied);
    }

    /**
     * The whole list in a constant number of statements: one duplicate check, one locking read per
     * ledger (every account of the list, in the one global order), the postings in memory in the
     * order given, then per ledger one batch of net balance updates and one of entries, and one batch
     * of outcomes.
     */
    @Override
    public void process(List<StreamRecord> records, StageContext context) {
        List<RecordOutcome> written = new ArrayList<>();
        List<Delivered> transfers = new ArrayList<>();
        for (StreamRecord record : records) {
            try {
                TransferRecord validated = record.parsed(TransferRecord.class);
                transfers.add(new Delivered(record, validated != null ? validated : TransferParser.parse(record)));
            } catch (RecordRejected rejection) {
                written.add(OutcomeLog.reject(record, rejection, context));
            }
        }
        List<Delivered> posted = transfers.isEmpty() ? List.of() : settle(transfers, written, context);
        outcomes.write(written, context.transactionId());
        for (Delivered delivered : posted) {
            FaultInjection.afterLedgerWrites(delivered.transfer().id(), delivered.record().deliveryAttempt());
        }
    }

    private List<Delivered> settle(List<Delivered> transfers, List<RecordOutcome> written, StageContext context) {
        Set<String> ids = new HashSet<>();
        transfers.forEach(delivered -> ids.add(delivered.transfer().id()));
        Set<String> settledBefore = outcomes.settledAmong(ids);
        Map<String, Set<String>> booked = atLeastOnce ? ledgers.accountsBooked(ids) : new HashMap<>();
        Set<String> accountIds = new HashSet<>();
        for (Delivered delivered : transfers) {
            if (atLeastOnce || !settledBefore.contains(delivered.transfer().id())) {
                accountIds.add(delivered.transfer().from());
                accountIds.add(delivered.transfer().to());
            }
        }
        Map<String, Account> accounts = ledgers.lock(accountIds);
        for (Delivered delivered : transfers) {
            FaultInjection.stallOnFirstAttempt(delivered.transfer().id(), delivered.record().deliveryAttempt());
        }
        // Under XA a record is settled here once, ever (its outcome is unique): what goes on to a
        // chained stage for it then goes once too, and that stage needs no claim to count it once.
        boolean once = !atLeastOnce && context.chained(applied);
        Instant now = Instant.now();
        Set<String> settledNow = new HashSet<>();
        List<LedgerEntry> entries = new ArrayList<>();
        List<Delivered> posted = new ArrayList<>();
        for (Delivered delivered : transfers) {
            TransferRecord transfer = delivered.transfer();
            int attempt = delivered.record().deliveryAttempt();
            boolean settledAlready = settledBefore.contains(transfer.id()) || settledNow.contains(transfer.id());
            if (settledAlready && !atLeastOnce) {
                written.add(RecordOutcome.duplicate(transfer.id(), attempt));
                continue;
            }
            Set<String> sides = booked.computeIfAbsent(transfer.id(), id -> new HashSet<>());
            List<LedgerEntry> posting;
            try {
                posting = Posting.post(transfer, accounts.get(transfer.from()), accounts.get(transfer.to()), now, sides);
            } catch (RecordRejected rejection) {
                written.add(OutcomeLog.reject(delivered.record(), rejection, context));
                continue;
            }
            posting.forEach(entry -> sides.add(entry.getAccountId()));
            entries.addAll(posting);
            if (!settledAlready) {
                RecordOutcome outcome = RecordOutcome.settled(transfer.id(), attempt);
                written.add(once ? outcome.handedOnInChain() : outcome);
            }
            settledNow.add(transfer.id());
            posted.add(delivered);
            String event = JsonFactories.BUILDERS.createObjectBuilder()
                    .add(TransferFormat.ID, transfer.id())
                    .add(TransferFormat.FROM, transfer.from())
                    .add(TransferFormat.TO, transfer.to())
                    .add(TransferFormat.AMOUNT, transfer.amount().toPlainString())
                    .add(TransferFormat.EVENT_TIME, transfer.eventTime().toString())
                    .add(TransferFormat.SETTLED_AT, now.toString())
                    .build().toString();
            context.emit(settled, transfer.from(), transfer.id(), event);
            context.emitParsed(applied, transfer.from(), transfer.id(), event, once ? new SettledOnce(transfer) : transfer);
        }
        ledgers.book(entries, accounts, context.transactionId());
        return posted;
    }

    private record Delivered(StreamRecord record, TransferRecord transfer) {
    }
}
