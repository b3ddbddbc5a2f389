package io.xastream.feeder.transfer.control;

import io.xastream.feeder.ledger.entity.Ledger;
import io.xastream.feeder.transfer.entity.GeneratedRecord;
import io.xastream.feeder.transfer.entity.GenerationPlan;
import io.xastream.feeder.transfer.entity.RecordKind;
import io.xastream.feeder.transfer.entity.TransferRecord;
import jakarta.json.JsonObjectBuilder;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Deterministic stream of transfer records from a {@link GenerationPlan}: every iteration
 * starts again from the seed, so the same plan gives the same records on any JVM
 * ({@link Random}'s algorithm is fixed by its specification).
 *
 * <p>Valid transfers move 0.01..50.00 between two distinct seeded accounts. Invalid records
 * cycle through {@link RecordKind#INVALID} so that every rejection path is exercised.
 */
public final class TransferGenerator implements Iterable<GeneratedRecord> {

    private static final int MAX_CENTS = 5_000;
    private static final List<String> OMITTABLE = List.of("from", "to", "amount", "eventTime");

    private final GenerationPlan plan;

    public TransferGenerator(GenerationPlan plan) {
        this.plan = plan;
    }

    public GenerationPlan plan() {
        return plan;
    }

    @Override
    public Iterator<GeneratedRecord> iterator() {
        return new Records();
    }

    public Stream<GeneratedRecord> stream() {
        return StreamSupport.stream(spliterator(), false);
    }

    public List<GeneratedRecord> generate() {
        return stream().toList();
    }

    private final class Records implements Iterator<GeneratedRecord> {
        private final Random random = new Random(plan.seed());
        private int produced;
        private int invalidProduced;

        @Override
        public boolean hasNext() {
            return produced < plan.count();
        }

        @Override
        public GeneratedRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int sequence = ++produced;
            // Always the same draws in the same order, whatever the kind, to keep records stable.
            boolean invalid = random.nextDouble() < plan.invalidShare();
            boolean cross = random.nextDouble() < plan.crossLedgerShare();
            Ledger fromLedger = random.nextBoolean() ? Ledger.A : Ledger.B;
            int fromNumber = 1 + random.nextInt(plan.accounts());
            int toAnyNumber = 1 + random.nextInt(plan.accounts());
            int toOtherNumber = 1 + random.nextInt(plan.accounts() - 1);
            int cents = 1 + random.nextInt(MAX_CENTS);
            int variant = random.nextInt(1 << 16);

            Ledger toLedger = cross ? fromLedger.other() : fromLedger;
            // Within one ledger: uniform over the accounts other than the sender's.
            int toNumber = cross ? toAnyNumber : toOtherNumber < fromNumber ? toOtherNumber : toOtherNumber + 1;
            TransferRecord transfer = new TransferRecord(
                    plan.idPrefix() + String.format(Locale.ROOT, "%06d", sequence),
                    fromLedger.account(fromNumber),
                    toLedger.account(toNumber),
                    BigDecimal.valueOf(cents, 2),
                    plan.eventTime(sequence));
            if (!invalid) {
                return new GeneratedRecord(transfer.id(), RecordKind.VALID, cross, transfer.toJson());
            }
            RecordKind kind = RecordKind.INVALID.get(invalidProduced++ % RecordKind.INVALID.size());
            return new GeneratedRecord(transfer.id(), kind, cross, spoil(transfer, kind, variant));
        }
    }

    private static String spoil(TransferRecord transfer, RecordKind kind, int variant) {
        switch (kind) {
            case MALFORMED: {
                // A proper prefix of a JSON object is never valid JSON.
                String json = transfer.toJson();
                return json.substring(0, json.length() - 1 - variant % (json.length() / 2));
            }
            case MISSING_FIELD: {
                JsonObjectBuilder builder = transfer.toJsonBuilder();
                builder.remove(OMITTABLE.get(variant % OMITTABLE.size()));
                return builder.build().toString();
            }
            case NON_POSITIVE_AMOUNT:
                return with(transfer, variant % 2 == 0 ? BigDecimal.ZERO.setScale(2) : transfer.amount().negate()).toJson();
            case OVER_PRECISE_AMOUNT: {
                // A non-zero third decimal, so it cannot be read as a two-decimal amount.
                BigDecimal amount = BigDecimal.valueOf(transfer.amount().unscaledValue().longValueExact() * 10 + 1 + variant % 9, 3);
                return with(transfer, amount).toJson();
            }
            case UNKNOWN_ACCOUNT: {
                // Seeded ids are digits only after the prefix, so an X never exists.
                boolean replaceFrom = variant % 2 == 0;
                String account = replaceFrom ? transfer.from() : transfer.to();
                String unknown = account.substring(0, 2) + "X" + account.substring(2);
                return new TransferRecord(transfer.id(),
                        replaceFrom ? unknown : transfer.from(),
                        replaceFrom ? transfer.to() : unknown,
                        transfer.amount(), transfer.eventTime()).toJson();
            }
            case SAME_ACCOUNT:
                return new TransferRecord(transfer.id(), transfer.from(), transfer.from(),
                        transfer.amount(), transfer.eventTime()).toJson();
            default:
                throw new IllegalArgumentException("not an invalid kind: " + kind);
        }
    }

    private static TransferRecord with(TransferRecord transfer, BigDecimal amount) {
        return new TransferRecord(transfer.id(), transfer.from(), transfer.to(), amount, transfer.eventTime());
    }
}
