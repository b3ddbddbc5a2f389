package io.xastream.feeder.ledger.entity;

import java.util.Locale;

/** The two ledgers and their account id scheme: the prefix says which database holds the account. */
public enum Ledger {
    A, B;

    public static final int MAX_ACCOUNT_ID_LENGTH = 32;

    public String prefix() {
        return name() + "-";
    }

    /** The n-th seeded account, 1-based: {@code A-0001}. */
    public String account(int number) {
        return String.format(Locale.ROOT, "%s%04d", prefix(), number);
    }

    public Ledger other() {
        return this == A ? B : A;
    }
}
