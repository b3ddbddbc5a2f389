package io.xastream.transfer.control;

import io.xastream.contract.Streams;
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

import java.util.ArrayList;
import java.util.List;

/**
 * Stage 1, validate and route: everything that can be decided from the record alone. A valid record
 * goes on untouched, keyed by its paying account, so that from here on the transfers of one account
 * are handled in order; an invalid one is rejected with its reason and its outcome is recorded.
 */
@ApplicationScoped
public class ValidateStage implements Stage {

    public static final String NAME = "validate";

    @Inject
    OutcomeLog outcomes;

    private Destination validated;

    public ValidateStage() {
    }

    /** A stage on its own, for tests: the given outcome log and output. */
    ValidateStage(OutcomeLog outcomes, Destination validated) {
        this.outcomes = outcomes;
        this.validated = validated;
    }

    @PostConstruct
    void destinations() {
        validated = StageSettings.output(NAME, "output", Streams.VALIDATED_JNDI);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String defaultInput() {
        return Streams.TRANSFERS_JNDI;
    }

    @Override
    public List<Destination> outputs() {
        return List.of(validated);
    }

    /** Passes or rejects each record; the rejections' outcomes go to ledger A in one batch. */
    @Override
    public void process(List<StreamRecord> records, StageContext context) {
        List<RecordOutcome> rejected = new ArrayList<>();
        for (StreamRecord record : records) {
            try {
                TransferRecord transfer = TransferParser.parse(record);
                context.emitParsed(validated, transfer.from(), transfer.id(), record.body(), transfer);
            } catch (RecordRejected rejection) {
                rejected.add(OutcomeLog.reject(record, rejection, context));
            }
        }
        outcomes.write(rejected, context.transactionId());
    }
}
