package io.xastream.monitoring.control;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class XidsTest {

    private static final byte[] GTRID = HexFormat.of().parseHex("0000000000ffff7f0000010000a1b2");
    private static final byte[] BQUAL = HexFormat.of().parseHex("00000000000000000000000000000001");
    private static final String EXPECTED = "131077:0000000000ffff7f0000010000a1b2:00000000000000000000000000000001";

    @Test
    void postgresGidAndMariaDbXidAndLogStoreXidMeet() {
        String gid = "131077_" + Base64.getEncoder().encodeToString(GTRID) + "_" + Base64.getEncoder().encodeToString(BQUAL);
        assertEquals(EXPECTED, Xids.fromPostgresGid(gid));
        assertEquals(EXPECTED, Xids.fromMariaDbSql("X'0000000000FFFF7F0000010000A1B2',X'00000000000000000000000000000001',131077"));
        assertEquals(EXPECTED, LogStore.xid(Map.of("FormatId", 131077, "GlobalTransactionId", GTRID, "BranchQualifier", BQUAL)));
    }

    @Test
    void foreignIdsAreNotGuessed() {
        assertNull(Xids.fromPostgresGid("made-by-hand"));
        assertNull(Xids.fromPostgresGid("1_not base64!_x"));
        assertNull(Xids.fromMariaDbSql("'abc','def',1"));
        assertNull(LogStore.xid(Map.of("FormatId", 1)));
        assertNull(LogStore.xid(Map.of("FormatId", -1, "GlobalTransactionId", new byte[0], "BranchQualifier", new byte[0])));
    }
}
