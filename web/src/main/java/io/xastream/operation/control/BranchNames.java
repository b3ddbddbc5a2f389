package io.xastream.operation.control;

import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The forms in which the in-doubt view names what an operator may end, checked before anything
 * else runs. A name ends up in SQL ({@code XA COMMIT <name>}, {@code COMMIT PREPARED '<name>'})
 * or in a broker operation; it is only ever run once the database has just listed it, but a name
 * that is not of its resource's form is refused first, so no quote, semicolon, comment or control
 * character reaches a statement even if a listing were ever wrong.
 */
final class BranchNames {

    /** A Narayana Uid as the log store names a transaction: five hex fields, signed (0:ffff7f000001:-6c91d847:…). */
    static final Pattern TRANSACTION = Pattern.compile("-?[0-9a-f]{1,16}(?::-?[0-9a-f]{1,16}){4}");

    /**
     * pg_prepared_xacts' gid (at most 200 characters): pgjdbc writes {@code formatId_base64(gtrid)_base64(bqual)};
     * a branch prepared by another tool is accepted when its gid is a plain name (no {@code --}).
     */
    static final Pattern POSTGRES = Pattern.compile("-?\\d{1,10}_[A-Za-z0-9+/]{0,88}={0,2}_[A-Za-z0-9+/]{0,88}={0,2}"
            + "|[A-Za-z0-9](?:[A-Za-z0-9._:]|-(?!-)){0,199}");

    /**
     * MariaDB's {@code XA RECOVER FORMAT='SQL'}: gtrid, then bqual and formatId when not the defaults,
     * each id as {@code X'hex'} (at most 64 bytes) or, when printable, quoted ({@code 'xastream-orphan-b'});
     * quoted ids are taken only of letters, digits and {@code . _ : -} (no {@code --}).
     */
    private static final String MARIADB_ID = "(?:X'(?:[0-9A-Fa-f]{2}){0,64}'|'(?:[A-Za-z0-9._:]|-(?!-)){1,64}')";
    static final Pattern MARIADB = Pattern.compile(MARIADB_ID + "(?:," + MARIADB_ID + "(?:,\\d{1,10})?)?");

    /**
     * The broker's description of a prepared transaction ({@code listPreparedTransactions}): printable
     * ASCII naming the xid in base64 and its format; its date comes in the server's locale.
     */
    private static final Pattern ARTEMIS_TEXT = Pattern.compile("[\\x20-\\x7e]{1,2048}");
    private static final Pattern ARTEMIS_XID = Pattern.compile("base64: ?[A-Za-z0-9_=+/-]{4,400}( |$)");
    private static final Pattern ARTEMIS_FORMAT = Pattern.compile(" formatID:-?\\d{1,10} gtxid:[-0-9.]{0,400}( |$)");

    private static final Map<String, Predicate<String>> FORMS = Map.of(
            "postgres", name -> POSTGRES.matcher(name).matches(),
            "mariadb", name -> MARIADB.matcher(name).matches(),
            "artemis", name -> ARTEMIS_TEXT.matcher(name).matches() && ARTEMIS_XID.matcher(name).find()
                    && ARTEMIS_FORMAT.matcher(name).find());
    private static final Map<String, String> FORM_NAMES = Map.of(
            "postgres", "a PostgreSQL gid (pgjdbc's formatId_base64_base64, or letters, digits and . _ : -)",
            "mariadb", "a MariaDB xid as XA RECOVER FORMAT='SQL' lists it (X'hex',X'hex',formatId)",
            "artemis", "the broker's description of a prepared transaction (… base64:… formatID:… gtxid:…)");

    private BranchNames() {
    }

    /** Why the name is not a branch of that resource, or empty when it has the form. */
    static Optional<String> refusal(String resource, String name) {
        Predicate<String> form = FORMS.get(resource);
        if (form == null) {
            return Optional.of("no resource " + resource + ": one of " + InDoubtResolution.RESOURCES);
        }
        if (name == null || !form.test(name)) {
            return Optional.of("not " + FORM_NAMES.get(resource));
        }
        return Optional.empty();
    }

    static Optional<String> transactionRefusal(String transactionId) {
        return transactionId != null && TRANSACTION.matcher(transactionId).matches() ? Optional.empty()
                : Optional.of("not a transaction id as the log store names them (five hex fields: 0:ffff7f000001:…)");
    }
}
