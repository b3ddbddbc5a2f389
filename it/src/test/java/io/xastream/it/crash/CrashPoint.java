package io.xastream.it.crash;

/**
 * Where the server is killed, as Byteman rules. A first rule arms the thread whose booking takes the
 * ledgers past {@value #ARMED_AT} entries (about 150 transfers: hundreds of records are in flight,
 * and the transaction is one that applies transfers, with a branch in every resource), once; the
 * second halts the JVM when that thread reaches the point, so each case crashes exactly once, in the
 * middle of one known phase of one transaction, per record or in epochs alike.
 */
enum CrashPoint {

    DURING_PROCESSING("during processing, before prepare",
            "io.xastream.ledger.control.Ledgers", "book", "AT EXIT", false),
    AFTER_FIRST_PREPARE("after the first participant prepared",
            "com.arjuna.ats.internal.jta.resources.arjunacore.XAResourceRecord", "topLevelPrepare", "AT EXIT", true),
    BEFORE_LOG_WRITE("after all prepared, before the coordinator's log write",
            "com.arjuna.ats.internal.arjuna.objectstore.FileSystemStore", "write_committed", "AT ENTRY", true),
    AFTER_LOG_WRITE("after the log write, before any commit",
            "com.arjuna.ats.arjuna.coordinator.BasicAction", "phase2Commit", "AT ENTRY", true),
    AFTER_FIRST_COMMIT("after the first participant committed, before the others",
            "com.arjuna.ats.internal.jta.resources.arjunacore.XAResourceRecord", "topLevelCommit", "AT EXIT", true),
    BEFORE_LOG_REMOVAL("after all committed, before the log record is removed",
            "com.arjuna.ats.internal.arjuna.objectstore.FileSystemStore", "remove_committed", "AT ENTRY", true);

    static final int ARMED_AT = 300;

    final String description;
    private final String targetClass;
    private final String method;
    private final String location;
    private final boolean armedByPrepare;

    CrashPoint(String description, String targetClass, String method, String location, boolean armedByPrepare) {
        this.description = description;
        this.targetClass = targetClass;
        this.method = method;
        this.location = location;
        this.armedByPrepare = armedByPrepare;
    }

    /** The line the rule prints (to the server's console) just before it halts the JVM. */
    String marker() {
        return "XASTREAM-CRASH " + name();
    }

    String rules() {
        // $1 of Ledgers.book: the entries it wrote; flag(...) is true only the first time.
        String armed = "incrementCounter(\"xastream.entries\", $1.size()) >= " + ARMED_AT + " && flag(\"xastream.armed\")";
        if (!armedByPrepare) {
            return rule("crash " + name(), targetClass, method, location, armed);
        }
        return rule("arm " + name(), "io.xastream.ledger.control.Ledgers", "book", "AT EXIT",
                armed, "flag(Thread.currentThread())")
                + rule("crash " + name(), targetClass, method, location, "flagged(Thread.currentThread())");
    }

    private String rule(String name, String targetClass, String method, String location, String condition) {
        return rule(name, targetClass, method, location, condition,
                "traceln(\"" + marker() + "\"); killJVM()");
    }

    private static String rule(String name, String targetClass, String method, String location, String condition,
                               String action) {
        return "RULE " + name + "\nCLASS " + targetClass + "\nMETHOD " + method + "\n" + location
                + "\nIF " + condition + "\nDO " + action + "\nENDRULE\n\n";
    }
}
