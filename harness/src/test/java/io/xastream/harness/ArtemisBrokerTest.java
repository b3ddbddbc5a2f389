package io.xastream.harness;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArtemisBrokerTest {

    @Test
    void usersAndRolesAreWrittenAsTheLoginModuleReadsThem() {
        Map<String, ArtemisBroker.User> users = new LinkedHashMap<>();
        users.put("node-1", new ArtemisBroker.User("pw-1", List.of("xastream-node")));
        users.put("node-2", new ArtemisBroker.User("pw-2", List.of("xastream-node", "downstream")));
        assertEquals("node-1 = pw-1\nnode-2 = pw-2\n", ArtemisBroker.usersFile(users));
        assertEquals("downstream = node-2\nxastream-node = node-1,node-2\n", ArtemisBroker.rolesFile(users));
    }

    @Test
    void theTemplateGetsItsPortAndDataDirectoryAndDeclaresEveryStream() throws Exception {
        String xml = ArtemisBroker.brokerXml(Path.of("/data/broker"), 61716);
        assertFalse(xml.contains("@"), "no token left");
        assertTrue(xml.contains("tcp://127.0.0.1:61716?protocols=CORE"));
        assertTrue(xml.contains("<journal-directory>/data/broker/journal</journal-directory>"));
        for (String stream : List.of("transfers", "validated", "applied", "settled", "windows", "rejected", "deadletter")) {
            assertTrue(xml.contains("<queue name=\"jms.queue.xastream." + stream + "\""), stream);
        }
        // The stage queues mark a key's first record to a consumer, for the key fence.
        for (String stage : List.of("transfers", "validated", "applied")) {
            assertTrue(xml.contains("<queue name=\"jms.queue.xastream." + stage + "\" group-first-key=\"JMSXGroupFirstForConsumer\"/>"), stage);
        }
    }
}
