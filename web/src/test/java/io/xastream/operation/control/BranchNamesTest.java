package io.xastream.operation.control;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Names as the in-doubt view lists them pass; anything that could change a statement does not. */
class BranchNamesTest {

    static final String PGJDBC = "131077_AAAAAAAAAAAAAP//fwAAAQDrlfdrCsj0AAAAIHhhc3RyZWFtLTE=_AAAAAAAAAAAAAP//fwAAAQDrlfdrCsj0AAAALwAAAAIAAAAA";
    static final String MARIADB = "X'00000000000000000000ffff7f00000100eb95f76b0ac8f400000020786173747265616d2d31',"
            + "X'00000000000000000000ffff7f00000100eb95f76b0ac8f4000000340000000300000000',131077";
    static final String ARTEMIS = "11/28/26, 12:29:10 PM base64: AAAAAAAAAAAAAP__fwAAAQDrlfdrCsj0AAAAJgAAAAEAAAAAAAAAAAAAAAAAAP__fwAAAQDrlfdrCsj0AAAAIHhhc3RyZWFtLTEHAgIA"
            + " XidImpl (1777704299 bq:0.0.0.0.0.0.0.0.0.0.-1.-1.127.0.0.1.0.-21.-107.-9.107.10.-56.-12.0.0.0.38.0.0.0.1.0.0.0.0"
            + " formatID:131077 gtxid:0.0.0.0.0.0.0.0.0.0.-1.-1.127.0.0.1.0.-21.-107.-9.107.10.-56.-12.0.0.0.32.120.97.115.116.114.101.97.109.45.49"
            + " base64:AAAAAAAAAAAAAP__fwAAAQDrlfdrCsj0AAAAJgAAAAEAAAAAAAAAAAAAAAAAAP__fwAAAQDrlfdrCsj0AAAAIHhhc3RyZWFtLTEHAgIA";

    /** What an attacker tries in any of the three: quotes, statement breaks, comments, NUL, length. */
    static final List<String> HOSTILE = List.of(
            "", " ", "'", "''", "x'; COMMIT PREPARED 'y", "x' OR '1'='1", "a;b", "a; DROP TABLE account", "a -- b", "a--",
            "a/*b*/", "a#b", "a\u0000b", "a\nb", "a\\'b", "a b", "\u2019", "é", "a".repeat(100_000),
            "X'00'; XA COMMIT X'01'", "X'00',X'01',131077; DROP TABLE account", "X'0'", "X'gg'", "'a'b'", "'a\\'b'",
            "X'" + "00".repeat(65) + "'", "131077_AA==_BB==;", "131077_AA==_BB==' --", "1_a b_c");

    @Test
    void namesAsTheInDoubtViewListsThemAreAccepted() {
        accepted("postgres", PGJDBC);
        accepted("postgres", "xastream-orphan-a");
        accepted("postgres", "1__");
        accepted("mariadb", MARIADB);
        accepted("mariadb", "'xastream-orphan-b'");
        accepted("mariadb", "X'01',X''");
        accepted("mariadb", "'gtrid','bqual',3");
        accepted("artemis", ARTEMIS);
    }

    @Test
    void hostileNamesAreRefusedForEveryResource() {
        for (String resource : List.of("postgres", "mariadb", "artemis")) {
            for (String name : HOSTILE) {
                assertTrue(BranchNames.refusal(resource, name).isPresent(), resource + ": " + abbreviated(name));
            }
        }
        assertTrue(BranchNames.refusal("postgres", null).isPresent());
        assertTrue(BranchNames.refusal("oracle", PGJDBC).isPresent(), "unknown resource");
        assertTrue(BranchNames.refusal("postgres", "a".repeat(201)).isPresent(), "longer than a gid");
        assertTrue(BranchNames.refusal("artemis", ARTEMIS + "\u0000").isPresent());
        assertTrue(BranchNames.refusal("artemis", ARTEMIS.replace("formatID:131077", "formatID:x")).isPresent());
        assertTrue(BranchNames.refusal("artemis", ARTEMIS + " ".repeat(2048)).isPresent());
    }

    @Test
    void transactionIdsAreNarayanaUids() {
        assertTrue(BranchNames.transactionRefusal("0:ffff7f000001:-6c91d847:6a1f2b3c:26").isEmpty());
        assertTrue(BranchNames.transactionRefusal("0:ffff7f000001:1:2:3").isEmpty());
        for (String id : HOSTILE) {
            assertTrue(BranchNames.transactionRefusal(id).isPresent(), abbreviated(id));
        }
        assertTrue(BranchNames.transactionRefusal("0:ffff7f000001:1:2:3:4").isPresent());
        assertTrue(BranchNames.transactionRefusal("0:ffff7f000001:1:2:3\u0000").isPresent());
        assertTrue(BranchNames.transactionRefusal(null).isPresent());
    }

    private static void accepted(String resource, String name) {
        assertTrue(BranchNames.refusal(resource, name).isEmpty(), resource + ": " + name);
    }

    private static String abbreviated(String name) {
        return name.length() > 40 ? name.substring(0, 40) + "… (" + name.length() + ")" : name;
    }
}
