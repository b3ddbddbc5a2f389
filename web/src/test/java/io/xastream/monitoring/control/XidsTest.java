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

    /** Taken from a server killed after its commit decision: the three branches of transaction 0:ffff7f000001:eb95f7:6b0ac8f4:20. */
    @Test
    void everyBranchOfANarayanaTransactionNamesItsLogStoreRecord() {
        String transaction = "0:ffff7f000001:eb95f7:6b0ac8f4:20";
        assertEquals(transaction, Xids.narayanaTransaction(Xids.fromPostgresGid(
                "131077_AAAAAAAAAAAAAP//fwAAAQDrlfdrCsj0AAAAIHhhc3RyZWFtLTE=_AAAAAAAAAAAAAP//fwAAAQDrlfdrCsj0AAAALwAAAAIAAAAA")));
        assertEquals(transaction, Xids.narayanaTransaction(Xids.fromMariaDbSql(
                "X'00000000000000000000ffff7f00000100eb95f76b0ac8f400000020786173747265616d2d31',"
                        + "X'00000000000000000000ffff7f00000100eb95f76b0ac8f4000000340000000300000000',131077")));
        String artemis = "11/28/26, 12:29:10 PM base64: AAAAAAAAAAAAAP__fwAAAQDrlfdrCsj0AAAAJgAAAAEAAAAAAAAAAAAAAAAAAP__fwAAAQDrlfdrCsj0AAAAIHhhc3RyZWFtLTEHAgIA"
                + " XidImpl (1777704299 bq:0.0.0.0.0.0.0.0.0.0.-1.-1.127.0.0.1.0.-21.-107.-9.107.10.-56.-12.0.0.0.38.0.0.0.1.0.0.0.0"
                + " formatID:131077 gtxid:0.0.0.0.0.0.0.0.0.0.-1.-1.127.0.0.1.0.-21.-107.-9.107.10.-56.-12.0.0.0.32.120.97.115.116.114.101.97.109.45.49"
                + " base64:AAAAAAAAAAAAAP__fwAAAQDrlfdrCsj0AAAAJgAAAAEAAAAAAAAAAAAAAAAAAP__fwAAAQDrlfdrCsj0AAAAIHhhc3RyZWFtLTEHAgIA";
        assertEquals("131077:00000000000000000000ffff7f00000100eb95f76b0ac8f400000020786173747265616d2d31:"
                + "00000000000000000000ffff7f00000100eb95f76b0ac8f4000000260000000100000000", Xids.fromArtemisDescription(artemis));
        assertEquals(transaction, Xids.narayanaTransaction(Xids.fromArtemisDescription(artemis)));
    }

    /** Uid writes its parts as signed hex. */
    @Test
    void negativePartsOfTheUidKeepTheirSign() {
        assertEquals("0:ffff7f000001:-6c91d847:6b0ac9e8:18", Xids.narayanaTransaction(Xids.fromPostgresGid(
                "131077_AAAAAAAAAAAAAP//fwAAAZNuJ7lrCsnoAAAAGHhhc3RyZWFtLTE=_AAAAAAAAAAAAAP//fwAAAZNuJ7lrCsnoAAAAJwAAAAIAAAAA")));
    }

    @Test
    void otherFormatsNameNoNarayanaTransaction() {
        assertNull(Xids.narayanaTransaction(null));
        assertNull(Xids.narayanaTransaction("1:00ff:00"));
        assertNull(Xids.narayanaTransaction("131077:00ff:00"));
        assertNull(Xids.fromArtemisDescription("something else"));
    }

    @Test
    void aNarayanaBranchNamesTheNodeThatMadeIt() {
        assertEquals("xastream-1", Xids.node(Xids.fromPostgresGid(
                "131077_AAAAAAAAAAAAAP//fwAAAQDrlfdrCsj0AAAAIHhhc3RyZWFtLTE=_AAAAAAAAAAAAAP//fwAAAQDrlfdrCsj0AAAALwAAAAIAAAAA")));
        assertEquals("xastream-1", Xids.branch(Xids.fromMariaDbSql(
                "X'00000000000000000000ffff7f00000100eb95f76b0ac8f400000020786173747265616d2d31',"
                        + "X'00000000000000000000ffff7f00000100eb95f76b0ac8f4000000340000000300000000',131077"), "data", null).node());
        assertNull(Xids.node(EXPECTED), "a global id of a Uid alone names no node");
        assertNull(Xids.node("1:0a:0b"), "not Narayana's");
        assertNull(Xids.node(null));
    }
}
