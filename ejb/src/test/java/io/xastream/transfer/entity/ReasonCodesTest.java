package io.xastream.transfer.entity;

import io.xastream.schema.LedgerSchema;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The newest check constraint on {@code record_outcome.reason} in ledger A's migrations allows
 * exactly the reason codes there are: a new code without a migration would be refused by every
 * database, and its records dead-lettered instead of rejected.
 */
class ReasonCodesTest {

    private static final Pattern REASON_CHECK = Pattern.compile("check\\s*\\(\\s*reason\\s+in\\s*\\(([^)]*)\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern CODE = Pattern.compile("'([A-Z_]+)'");

    @Test
    void theNewestMigrationAllowsEveryReasonCode() throws IOException {
        List<String> allowed = null;
        for (String migration : LedgerSchema.A.migrations()) {
            try (InputStream in = LedgerSchema.A.open(migration)) {
                assertNotNull(in, migration);
                Matcher check = REASON_CHECK.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                while (check.find()) {
                    allowed = CODE.matcher(check.group(1)).results().map(code -> code.group(1)).sorted().toList();
                }
            }
        }
        assertNotNull(allowed, "no migration of ledger A defines the reason check");
        assertEquals(Arrays.stream(Reason.values()).map(Enum::name).sorted().toList(), allowed);
    }
}
