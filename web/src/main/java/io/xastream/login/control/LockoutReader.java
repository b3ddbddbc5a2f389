package io.xastream.login.control;

import io.xastream.login.entity.LockoutPolicy;
import io.xastream.login.entity.LoginAudit;
import io.xastream.login.entity.LoginEvent;
import jakarta.enterprise.context.ApplicationScoped;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Who failed to log in and who is locked out, from the security event log that login-lockout.cli
 * sets up. Where that log is comes from the management model, so moving the file moves nothing
 * here; without the log (a server configured otherwise) the list is empty.
 */
@ApplicationScoped
public class LockoutReader {

    private static final Logger LOG = Logger.getLogger(LockoutReader.class.getName());
    /** The audit log resource of login-lockout.cli. */
    static final String EVENT_LOG = "jboss.as:subsystem=elytron,size-rotating-file-audit-log=xastream-logins";

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    public LoginAudit read() {
        LockoutPolicy policy = LockoutPolicy.of(System::getProperty);
        Instant now = Instant.now();
        Path file = eventLog();
        if (file == null) {
            return new LoginAudit(policy, null, null, List.of());
        }
        List<LoginEvent> events;
        try {
            events = SecurityEventLog.events(file, SecurityEventLog.MAX_BYTES, ZoneId.systemDefault());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot read the security event log " + file, e);
            events = List.of();
        }
        Instant serverStart = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        Instant since = events.isEmpty() ? null : events.get(0).at();
        return new LoginAudit(policy, file.toString(), since, Lockouts.of(events, policy, serverStart, now));
    }

    /** The log's file: its path, relative to a server path such as jboss.server.log.dir. */
    private Path eventLog() {
        try {
            AttributeList read = server.getAttributes(new ObjectName(EVENT_LOG), new String[]{"path", "relativeTo"});
            Map<String, Object> attributes = new HashMap<>();
            for (Attribute attribute : read.asList()) {
                attributes.put(attribute.getName(), attribute.getValue());
            }
            Object path = attributes.get("path");
            if (path == null) {
                return null;
            }
            Object relativeTo = attributes.get("relativeTo");
            String base = relativeTo == null ? null : System.getProperty(relativeTo.toString());
            return base == null ? Path.of(path.toString()) : Path.of(base).resolve(path.toString());
        } catch (JMException e) {
            LOG.log(Level.FINE, "no security event log " + EVENT_LOG, e);
            return null;
        }
    }
}
