package io.xastream.monitoring.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTypeSerializer;

import java.math.BigDecimal;

/**
 * Aggregates of one ledger database, read in a single statement so they come from one snapshot.
 *
 * @param negativeBalances accounts whose balance is below zero
 */
@JsonbPropertyOrder({"name", "engine", "accounts", "balance", "openingBalance", "entries", "negativeBalances"})
public record LedgerTotals(String name,
                           String engine,
                           long accounts,
                           @JsonbTypeSerializer(AmountSerializer.class) BigDecimal balance,
                           @JsonbTypeSerializer(AmountSerializer.class) BigDecimal openingBalance,
                           long entries,
                           long negativeBalances) {
}
