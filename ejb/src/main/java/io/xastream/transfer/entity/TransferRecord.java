package io.xastream.transfer.entity;

import java.math.BigDecimal;
import java.time.Instant;

/** A transfer record that passed validation (docs/record-format.md). */
public record TransferRecord(String id, String from, String to, BigDecimal amount, Instant eventTime) {
}
