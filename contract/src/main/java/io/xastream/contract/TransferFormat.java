package io.xastream.contract;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A transfer record's JSON fields and their grammar (docs/record-format.md,
 * docs/transfer.schema.json), and the settled event, which repeats the transfer and adds when it
 * settled.
 */
public final class TransferFormat {

    public static final String ID = "id";
    public static final String FROM = "from";
    public static final String TO = "to";
    public static final String AMOUNT = "amount";
    public static final String EVENT_TIME = "eventTime";
    /** Settled events only: when the transfer was applied to the ledgers. */
    public static final String SETTLED_AT = "settledAt";

    /** A transfer's fields, in the documented order. */
    public static final List<String> FIELDS = List.of(ID, FROM, TO, AMOUNT, EVENT_TIME);

    /** A record id: 1 to 64 of letters, digits and {@code . _ : -}. */
    public static final String RECORD_ID_GRAMMAR = "[A-Za-z0-9._:-]{1,64}";
    public static final Pattern RECORD_ID = Pattern.compile(RECORD_ID_GRAMMAR);
    /** An account id: the ledger ({@code A} or {@code B}), a dash, then 1 to 30 of letters, digits, {@code _ -}. */
    public static final Pattern ACCOUNT_ID = Pattern.compile("[AB]-[A-Za-z0-9_-]{1,30}");
    /**
     * The one amount grammar, the pattern of docs/transfer.schema.json word for word: a plain decimal
     * in ASCII digits, no sign, exponent, spaces or leading zero, at most two fractional digits, above
     * zero, at most twelve integer digits.
     */
    public static final String AMOUNT_GRAMMAR = "0\\.(0[1-9]|[1-9][0-9]?)|[1-9][0-9]{0,11}(\\.[0-9]{1,2})?";
    public static final Pattern AMOUNT_FORMAT = Pattern.compile(AMOUNT_GRAMMAR);

    private TransferFormat() {
    }
}
