package io.xastream.it.crash;

import io.xastream.it.Books;
import io.xastream.it.Transfers;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** One scenario's own stream: twenty seeded accounts in each ledger and transfers between them. */
record SeededStream(String prefix, List<String> a, List<String> b, List<Map.Entry<String, String>> records) {

    static SeededStream of(String prefix, String tag, int transfers, BigDecimal opening, long seed) throws Exception {
        List<String> a = Transfers.accounts("A", tag, 20);
        List<String> b = Transfers.accounts("B", tag, 20);
        Books.seed(a, opening);
        Books.seed(b, opening);
        return new SeededStream(prefix, a, b, Transfers.generate(prefix, transfers, a, b, seed));
    }
}
