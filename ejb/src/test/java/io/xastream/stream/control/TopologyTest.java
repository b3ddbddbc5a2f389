package io.xastream.stream.control;

import jakarta.jms.Destination;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class TopologyTest {

    private static final Destination IN = new Destination() { };
    private static final Destination MIDDLE = new Destination() { };
    private static final Destination LAST = new Destination() { };
    private static final Destination SINK = new Destination() { };

    private static Stage stage(String name, Destination input, Destination... outputs) {
        return new Stage() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String defaultInput() {
                return name;
            }

            @Override
            public List<Destination> outputs() {
                return List.of(outputs);
            }

            @Override
            public void process(List<StreamRecord> records, StageContext context) {
            }
        };
    }

    private static final Stage FIRST = stage("first", IN, MIDDLE, SINK);
    private static final Stage SECOND = stage("second", MIDDLE, LAST, SINK);
    private static final Stage THIRD = stage("third", LAST, SINK);
    private static final Map<Stage, Destination> INPUTS = Map.of(FIRST, IN, SECOND, MIDDLE, THIRD, LAST);

    private static Topology topology(Set<Stage> unchained, Stage... stages) {
        return new Topology(List.of(stages),
                stage -> new StageSettings(stage.name(), StageSettings.Mode.RECORD, 1, 1, 1, stage.name(), !unchained.contains(stage)),
                INPUTS::get);
    }

    @Test
    void chainsEveryStageFedByAnotherInTheirOrderWhateverTheOrderTheyAreListed() {
        Topology topology = topology(Set.of(), THIRD, FIRST, SECOND);
        assertSame(SECOND, topology.chainedAt(MIDDLE));
        assertSame(THIRD, topology.chainedAt(LAST));
        assertNull(topology.chainedAt(SINK), "a destination no stage reads is sent to");
        assertNull(topology.chainedAt(IN), "nobody feeds the first stage");
        assertNull(topology.feederOf(FIRST));
        assertSame(FIRST, topology.feederOf(SECOND));
        assertSame(SECOND, topology.feederOf(THIRD));
        List<Stage> sorted = new ArrayList<>(List.of(THIRD, SECOND, FIRST));
        sorted.sort(topology.order());
        assertEquals(List.of(FIRST, SECOND, THIRD), sorted);
        assertEquals("first (own queue), second (chained after first), third (chained after second)", topology.describe());
    }

    @Test
    void anUnchainedStageReadsItsQueueAndTheStagesAfterItChainToIt() {
        Topology topology = topology(Set.of(SECOND), FIRST, SECOND, THIRD);
        assertNull(topology.chainedAt(MIDDLE));
        assertNull(topology.feederOf(SECOND));
        assertSame(THIRD, topology.chainedAt(LAST));
    }

    @Test
    void aLinkThatClosesACycleIsNeverChained() {
        Stage loop = stage("loop", LAST, MIDDLE);
        Topology topology = new Topology(List.of(SECOND, loop),
                stage -> new StageSettings(stage.name(), StageSettings.Mode.RECORD, 1, 1, 1, stage.name(), true),
                stage -> stage == loop ? LAST : MIDDLE);
        // second -> loop -> second: one of the two links must stay a queue, or a record would circle in one transaction.
        assertFalse(topology.chainedAt(LAST) == loop && topology.chainedAt(MIDDLE) == SECOND);
    }
}
