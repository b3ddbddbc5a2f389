package io.xastream.stream.control;

import jakarta.jms.Destination;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StageSettingsTest {

    private static final Stage STAGE = new Stage() {
        @Override
        public String name() {
            return "probe";
        }

        @Override
        public String defaultInput() {
            return "java:/jms/queue/probe";
        }

        @Override
        public List<Destination> outputs() {
            return List.of();
        }

        @Override
        public void process(List<StreamRecord> records, StageContext context) {
        }
    };

    @AfterEach
    void clear() {
        for (String key : new String[]{"mode", "consumers", "epoch-records", "epoch-millis", "input", "chain"}) {
            System.clearProperty("xastream.stage.probe." + key);
        }
        System.clearProperty("xastream.transfers.consumers");
        System.clearProperty("xastream.topology.chain");
    }

    @Test
    void defaultsToChainedEpochsOfUpTo100RecordsWithSixteenConsumers() {
        assertEquals(new StageSettings("probe", StageSettings.Mode.EPOCH, 16, 100, 50, "java:/jms/queue/probe", true),
                StageSettings.of(STAGE));
    }

    @Test
    void readsTheStagesPropertiesAndFallsBackToThePipelinesConsumerCount() {
        System.setProperty("xastream.transfers.consumers", "4");
        System.setProperty("xastream.stage.probe.mode", " Record ");
        System.setProperty("xastream.stage.probe.epoch-records", "10");
        System.setProperty("xastream.stage.probe.epoch-millis", "20");
        System.setProperty("xastream.stage.probe.input", "java:/jms/queue/other");
        assertEquals(new StageSettings("probe", StageSettings.Mode.RECORD, 4, 10, 20, "java:/jms/queue/other", true),
                StageSettings.of(STAGE));
        System.setProperty("xastream.stage.probe.consumers", "8");
        assertEquals(8, StageSettings.of(STAGE).consumers());
        System.setProperty("xastream.stage.probe.mode", "off");
        assertEquals(StageSettings.Mode.OFF, StageSettings.of(STAGE).mode());
        System.setProperty("xastream.stage.probe.mode", "local");
        assertEquals(StageSettings.Mode.LOCAL, StageSettings.of(STAGE).mode());
    }

    @Test
    void chainsUnlessTheTopologyOrTheStageSaysNoAndNeverWhenOff() {
        System.setProperty("xastream.topology.chain", "false");
        assertFalse(StageSettings.of(STAGE).chained());
        System.setProperty("xastream.stage.probe.chain", " TRUE ");
        assertTrue(StageSettings.of(STAGE).chained());
        System.setProperty("xastream.stage.probe.mode", "off");
        assertFalse(StageSettings.of(STAGE).chained());
        System.setProperty("xastream.stage.probe.chain", "yes");
        IllegalArgumentException flag = assertThrows(IllegalArgumentException.class, () -> StageSettings.of(STAGE));
        assertTrue(flag.getMessage().contains("xastream.stage.probe.chain must be true or false"), flag.getMessage());
    }

    @Test
    void refusesAnUnknownModeOrANonPositiveNumberWithTheNameOfTheProperty() {
        System.setProperty("xastream.stage.probe.mode", "batch");
        IllegalArgumentException mode = assertThrows(IllegalArgumentException.class, () -> StageSettings.of(STAGE));
        assertTrue(mode.getMessage().contains("xastream.stage.probe.mode must be record, epoch, off or local"), mode.getMessage());
        System.clearProperty("xastream.stage.probe.mode");
        System.setProperty("xastream.stage.probe.epoch-records", "0");
        IllegalArgumentException records = assertThrows(IllegalArgumentException.class, () -> StageSettings.of(STAGE));
        assertTrue(records.getMessage().contains("xastream.stage.probe.epoch-records must be a positive whole number"), records.getMessage());
    }
}
