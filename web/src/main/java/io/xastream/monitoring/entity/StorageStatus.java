package io.xastream.monitoring.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.List;

/**
 * The disks under the transaction log store and the broker's journal, as the storage guard of the
 * ejb module reads them each second.
 *
 * @param held         true while new records are held because a disk is past the limit
 * @param reason       why, while held; else empty
 * @param heldSince    ISO-8601 start of the hold, or empty
 * @param limitPercent how full a disk may get before new records are held
 * @param filesystems  every watched filesystem, one line each
 */
@JsonbPropertyOrder({"held", "reason", "heldSince", "limitPercent", "filesystems"})
public record StorageStatus(boolean held, String reason, String heldSince, double limitPercent, List<String> filesystems) {
}
