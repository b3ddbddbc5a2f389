package io.xastream.stream.control;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        public void process(StreamRecord record, StageContext context) {
        }
    };

    @AfterEach
    void clear() {
        for (String key : new String[]{"mode", "consumers", "epoch-records", "epoch-millis", "input"}) {
            System.clearProperty("xastream.stage.probe." + key);
        }
        System.clearProperty("xastream.transfers.consumers");
    }

    @Test
    void defaultsToOneRecordPerTransactionWithSixteenConsumers() {
        assertEquals(new StageSettings("probe", StageSettings.Mode.RECORD, 16, 100, 50, "java:/jms/queue/probe"),
                StageSettings.of(STAGE));
    }

    @Test
    void readsTheStagesPropertiesAndFallsBackToThePipelinesConsumerCount() {
        System.setProperty("xastream.transfers.consumers", "4");
        System.setProperty("xastream.stage.probe.mode", " Epoch ");
        System.setProperty("xastream.stage.probe.epoch-records", "10");
        System.setProperty("xastream.stage.probe.epoch-millis", "20");
        System.setProperty("xastream.stage.probe.input", "java:/jms/queue/other");
        assertEquals(new StageSettings("probe", StageSettings.Mode.EPOCH, 4, 10, 20, "java:/jms/queue/other"),
                StageSettings.of(STAGE));
        System.setProperty("xastream.stage.probe.consumers", "8");
        assertEquals(8, StageSettings.of(STAGE).consumers());
        System.setProperty("xastream.stage.probe.mode", "off");
        assertEquals(StageSettings.Mode.OFF, StageSettings.of(STAGE).mode());
        System.setProperty("xastream.stage.probe.mode", "local");
        assertEquals(StageSettings.Mode.LOCAL, StageSettings.of(STAGE).mode());
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
