package io.xastream.monitoring.control;

import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Each resource spells a transaction branch id its own way; these turn them into one form,
 * {@code formatId:gtrid:bqual} with both ids in lower-case hex, so branches can be matched.
 */
final class Xids {

    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern MARIADB_SQL = Pattern.compile("X'([0-9a-fA-F]*)',X'([0-9a-fA-F]*)',(-?\\d+)");

    private Xids() {
    }

    /** pgjdbc's gid: {@code formatId_base64(gtrid)_base64(bqual)}; null for a gid pgjdbc did not write. */
    static String fromPostgresGid(String gid) {
        String[] parts = gid.split("_");
        if (parts.length != 3) {
            return null;
        }
        try {
            Base64.Decoder base64 = Base64.getDecoder();
            return Integer.parseInt(parts[0]) + ":" + HEX.formatHex(base64.decode(parts[1])) + ":"
                    + HEX.formatHex(base64.decode(parts[2]));
        } catch (IllegalArgumentException notOurs) {
            return null;
        }
    }

    /** MariaDB's {@code XA RECOVER FORMAT='SQL'} data column: {@code X'gtrid',X'bqual',formatId}. */
    static String fromMariaDbSql(String data) {
        Matcher m = MARIADB_SQL.matcher(data);
        if (!m.matches()) {
            return null;
        }
        return m.group(3) + ":" + m.group(1).toLowerCase() + ":" + m.group(2).toLowerCase();
    }
}
