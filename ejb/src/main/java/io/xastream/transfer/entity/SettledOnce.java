package io.xastream.transfer.entity;

/**
 * What the apply stage hands to a stage chained after it for a transfer it settled in this XA
 * transaction. The settled outcome written in the same transaction is unique per record, so this
 * hand-over happens once for the record, ever: the next stage can count it without a claim of its
 * own. The outcome row says so ({@link RecordOutcome#isChained}), for a settled event of the record
 * that comes back through a queue later (a replay). Not in at-least-once mode, where a record comes
 * again after its outcome committed and is handed on again.
 */
public record SettledOnce(TransferRecord transfer) {
}
