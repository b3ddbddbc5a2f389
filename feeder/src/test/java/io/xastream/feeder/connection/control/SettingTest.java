package io.xastream.feeder.connection.control;

import io.xastream.feeder.connection.entity.BrokerEndpoint;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SettingTest {

    private static final Setting URL = Setting.LEDGER_A_URL;

    @Test
    void environmentVariableIsThePropertyInCapitals() {
        assertEquals("XASTREAM_LEDGERA_URL", Setting.LEDGER_A_URL.environmentVariable());
        assertEquals("XASTREAM_LEDGERB_PASSWORD", Setting.LEDGER_B_PASSWORD.environmentVariable());
        assertEquals("XASTREAM_FEEDER_PASSWORD", Setting.FEEDER_PASSWORD.environmentVariable());
    }

    @Test
    void optionWinsOverEverything() {
        assertEquals("option", URL.resolve("option", properties("property"), Map.of("XASTREAM_LEDGERA_URL", "env")));
    }

    @Test
    void systemPropertyWinsOverEnvironment() {
        assertEquals("property", URL.resolve(null, properties("property"), Map.of("XASTREAM_LEDGERA_URL", "env")));
    }

    @Test
    void environmentWinsOverDefault() {
        assertEquals("env", URL.resolve(null, new Properties(), Map.of("XASTREAM_LEDGERA_URL", "env")));
    }

    @Test
    void defaultWhenNothingIsGiven() {
        assertEquals("jdbc:postgresql://127.0.0.1:5432/xastream", URL.resolve(null, new Properties(), Map.of()));
        assertEquals("jdbc:mariadb://127.0.0.1:3306/xastream", Setting.LEDGER_B_URL.resolve(null, new Properties(), Map.of()));
    }

    @Test
    void emptyValuesAreTakenSoThatAnEmptyPasswordCanBeGiven() {
        assertEquals("", Setting.LEDGER_B_PASSWORD.resolve("", new Properties(), Map.of("XASTREAM_LEDGERB_PASSWORD", "env")));
        assertEquals("", URL.resolve(null, properties(""), Map.of("XASTREAM_LEDGERA_URL", "env")));
        assertEquals("", URL.resolve(null, new Properties(), Map.of("XASTREAM_LEDGERA_URL", "")));
    }

    @Test
    void brokerUrlIsBuiltFromTheHttpPort() {
        assertEquals("tcp://127.0.0.1:8180?httpUpgradeEnabled=true&httpUpgradeEndpoint=http-acceptor&enable1xPrefixes=true",
                BrokerEndpoint.urlForHttpPort("127.0.0.1", 8180));
        BrokerEndpoint broker = Endpoints.broker(null, 8280, "someone", "secret");
        assertEquals(BrokerEndpoint.urlForHttpPort("127.0.0.1", 8280), broker.url());
        assertEquals("someone", broker.user());
        assertEquals("tcp://elsewhere:1", Endpoints.broker("tcp://elsewhere:1", 8280, null, null).url());
    }

    private static Properties properties(String ledgerAUrl) {
        Properties properties = new Properties();
        properties.setProperty("xastream.ledgerA.url", ledgerAUrl);
        return properties;
    }
}
