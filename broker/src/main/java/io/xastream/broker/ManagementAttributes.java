package io.xastream.broker;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads numeric attributes of WildFly's management model through JMX ({@code jboss.as:...}
 * names, attribute names in camelCase). In-process, so no management user or remote client.
 */
public class ManagementAttributes {

    private final MBeanServer server;

    public ManagementAttributes(MBeanServer server) {
        this.server = server;
    }

    /** All the named attributes, or an exception naming the first one that is missing. */
    public Map<String, Long> longs(ObjectName name, String... attributes) throws JMException {
        // getAttributes skips what it cannot read instead of failing, hence the check below.
        AttributeList read = server.getAttributes(name, attributes);
        Map<String, Long> values = new HashMap<>();
        for (Attribute attribute : read.asList()) {
            values.put(attribute.getName(), toLong(attribute.getValue()));
        }
        for (String attribute : attributes) {
            if (!values.containsKey(attribute)) {
                throw new JMException(name + " has no readable attribute " + attribute);
            }
        }
        return values;
    }

    /** What getAttributes could read, by name. */
    public static Map<String, Object> asMap(AttributeList read) {
        Map<String, Object> values = new HashMap<>();
        for (Attribute attribute : read.asList()) {
            values.put(attribute.getName(), attribute.getValue());
        }
        return values;
    }

    public static ObjectName objectName(String name) {
        try {
            return new ObjectName(name);
        } catch (JMException e) {
            throw new IllegalArgumentException(name, e);
        }
    }

    /** The management model types these as LONG or INT; an undefined metric counts as zero. */
    public static Long toLong(Object value) {
        if (value == null) {
            return 0L;
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        return Long.valueOf(value.toString().trim());
    }
}
