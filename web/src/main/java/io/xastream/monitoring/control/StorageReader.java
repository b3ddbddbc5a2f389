package io.xastream.monitoring.control;

import io.xastream.broker.ManagementAttributes;
import io.xastream.monitoring.entity.StorageStatus;
import jakarta.enterprise.context.ApplicationScoped;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the storage guard (ejb module, MXBean {@code io.xastream:type=storage}) reports. */
@ApplicationScoped
public class StorageReader {

    static final ObjectName GUARD = ManagementAttributes.objectName("io.xastream:type=storage");
    private static final String[] ATTRIBUTES = {"Held", "Reason", "HeldSince", "LimitPercent", "Filesystems"};

    private final MBeanServer server;

    public StorageReader() {
        this(ManagementFactory.getPlatformMBeanServer());
    }

    StorageReader(MBeanServer server) {
        this.server = server;
    }

    /** Empty while the guard is not deployed (yet). */
    public Optional<StorageStatus> read() {
        try {
            Map<String, Object> values = ManagementAttributes.asMap(server.getAttributes(GUARD, ATTRIBUTES));
            if (values.size() < ATTRIBUTES.length) {
                return Optional.empty();
            }
            return Optional.of(new StorageStatus(Boolean.TRUE.equals(values.get("Held")), String.valueOf(values.get("Reason")),
                    String.valueOf(values.get("HeldSince")), ((Number) values.get("LimitPercent")).doubleValue(),
                    values.get("Filesystems") instanceof String[] lines ? Arrays.asList(lines) : List.of()));
        } catch (JMException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
