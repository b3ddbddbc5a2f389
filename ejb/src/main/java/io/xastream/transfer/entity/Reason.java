package io.xastream.transfer.entity;

/** Why a record was rejected: the machine-readable part of a rejection (property xastream_reason). */
public enum Reason {
    MALFORMED, MISSING_FIELD, INVALID_ID, INVALID_AMOUNT, INVALID_EVENT_TIME, FUTURE_EVENT_TIME,
    UNKNOWN_ACCOUNT, SAME_ACCOUNT, INSUFFICIENT_FUNDS
}
