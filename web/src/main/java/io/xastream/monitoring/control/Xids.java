package io.xastream.monitoring.control;

import io.xastream.monitoring.entity.PreparedBranch;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Each resource spells a transaction branch id its own way; these turn them into one form,
 * {@code formatId:gtrid:bqual} with both ids in lower-case hex, so branches can be matched.
 * A Narayana branch also names its transaction: the global id starts with the transaction's Uid,
 * so a prepared branch is tied to its log-store record even when the log store cannot say which
 * xids its participants had (after a crash it cannot activate them).
 */
final class Xids {

    /** Narayana's XID format (XATxConverter.FORMAT_ID). */
    static final int NARAYANA_FORMAT = 131077;
    /** A Uid as bytes: two longs (host address), then process id, seconds and a counter. */
    private static final int UID_BYTES = 28;
    private static final Pattern ARTEMIS = Pattern.compile("bq:([-0-9.]*) formatID:(-?\\d+) gtxid:([-0-9.]*)");

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

    /**
     * Artemis' description of a prepared transaction ({@code listPreparedTransactions}) spells the
     * ids as dotted signed bytes: {@code … bq:0.-1.127… formatID:131077 gtxid:0.0.… base64:…}.
     */
    static String fromArtemisDescription(String description) {
        Matcher m = ARTEMIS.matcher(description);
        if (!m.find()) {
            return null;
        }
        try {
            return Integer.parseInt(m.group(2)) + ":" + HEX.formatHex(dottedBytes(m.group(3))) + ":"
                    + HEX.formatHex(dottedBytes(m.group(1)));
        } catch (NumberFormatException notOurs) {
            return null;
        }
    }

    private static byte[] dottedBytes(String dotted) {
        if (dotted.isEmpty()) {
            return new byte[0];
        }
        String[] parts = dotted.split("\\.");
        byte[] bytes = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            bytes[i] = Byte.parseByte(parts[i]);
        }
        return bytes;
    }

    /**
     * The node identifier of the coordinator that made a Narayana branch: the global id is the
     * transaction's Uid followed by the node identifier ({@code xastream.node.id}); null when the
     * branch is not Narayana's or names no node.
     */
    static String node(String xid) {
        if (xid == null) {
            return null;
        }
        String[] parts = xid.split(":");
        if (parts.length < 2 || !String.valueOf(NARAYANA_FORMAT).equals(parts[0]) || parts[1].length() <= UID_BYTES * 2) {
            return null;
        }
        try {
            return new String(HEX.parseHex(parts[1].substring(UID_BYTES * 2)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notHex) {
            return null;
        }
    }

    /** A branch as its resource lists it, with its transaction and node read from its xid where it is Narayana's. */
    static PreparedBranch branch(String xid, String name, Long ageSeconds) {
        return new PreparedBranch(xid, name, ageSeconds, null, node(xid));
    }

    /**
     * The Narayana transaction id ({@code Uid} in its string form, as the log store names records)
     * of a branch in the common form; null when the branch is not Narayana's.
     */
    static String narayanaTransaction(String xid) {
        if (xid == null) {
            return null;
        }
        String[] parts = xid.split(":");
        if (parts.length < 2 || !String.valueOf(NARAYANA_FORMAT).equals(parts[0]) || parts[1].length() < UID_BYTES * 2) {
            return null;
        }
        String gtrid = parts[1];
        // Signed hex, as Uid.stringForm writes it: a process id of 0x936e27b9 reads "-6c91d847".
        return Long.toString(Long.parseUnsignedLong(gtrid.substring(0, 16), 16), 16) + ":"
                + Long.toString(Long.parseUnsignedLong(gtrid.substring(16, 32), 16), 16) + ":"
                + Integer.toString(Integer.parseUnsignedInt(gtrid.substring(32, 40), 16), 16) + ":"
                + Integer.toString(Integer.parseUnsignedInt(gtrid.substring(40, 48), 16), 16) + ":"
                + Integer.toString(Integer.parseUnsignedInt(gtrid.substring(48, 56), 16), 16);
    }
}
