package io.xastream.feeder.transfer.entity;

/**
 * One message body to feed and what it is.
 *
 * @param recordId    the id as written in the body, null if it has none readable
 * @param kind        valid, one of the invalid kinds, or {@link RecordKind#AS_GIVEN}
 * @param crossLedger whether from and to are in different ledgers (meaningful for valid records)
 * @param json        the exact message body
 */
public record GeneratedRecord(String recordId, RecordKind kind, boolean crossLedger, String json) {

    public static GeneratedRecord asGiven(String line) {
        return new GeneratedRecord(TransferRecord.idIn(line), RecordKind.AS_GIVEN, false, line);
    }
}
