package io.xastream.transfer.entity;

/**
 * Why a record was rejected: the machine-readable part of a rejection (property xastream_reason).
 * docs/record-format.md says when each applies; web's OpenAPI base (src/main/resources/META-INF/openapi.json) lists them too.
 */
public enum Reason {
    NOT_TEXT, TOO_LARGE, TOO_DEEP, MALFORMED, DUPLICATE_KEY, MISSING_FIELD, INVALID_ID, UNKNOWN_FIELD,
    INVALID_AMOUNT, INVALID_EVENT_TIME, FUTURE_EVENT_TIME, UNKNOWN_ACCOUNT, SAME_ACCOUNT, INSUFFICIENT_FUNDS
}
