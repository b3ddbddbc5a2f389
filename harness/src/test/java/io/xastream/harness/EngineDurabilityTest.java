package io.xastream.harness;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class EngineDurabilityTest {

    @Test
    void oneLinePerEngineAndNonDurableWhenAnyIsOff() {
        EngineDurability durability = EngineDurability.parse("""
                {"durable":false,"engines":[
                 {"name":"ledger A (PostgreSQL)","version":"18.1","settings":{"fsync":"off","synchronous_commit":"off"},"durable":false},
                 {"name":"transaction log (Narayana)","settings":{"objectStoreSync":"true"},"durable":true},
                 {"name":"broker (Artemis)","settings":{},"durable":false}]}""");
        assertFalse(durability.durable());
        assertEquals("NON-DURABLE", durability.label());
        assertEquals(List.of("ledger A (PostgreSQL) 18.1: fsync=off, synchronous_commit=off (NON-DURABLE)",
                "transaction log (Narayana): objectStoreSync=true (durable)",
                "broker (Artemis): unreadable (NON-DURABLE)"), durability.lines());
    }
}
