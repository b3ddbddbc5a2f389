package io.xastream.contract;

/**
 * The pipeline's queues (docs/topology.md): their names on the broker, as clients address them,
 * and their JNDI names inside the server. Constants, so annotations may use them.
 */
public final class Streams {

    /** Transfer records as producers send them: the validate stage's input. */
    public static final String TRANSFERS = "xastream.transfers";
    /** Records that passed validation: the apply stage's input when it is not chained. */
    public static final String VALIDATED = "xastream.validated";
    /** Settled events on their way to the aggregate stage when it is not chained. */
    public static final String APPLIED = "xastream.applied";
    /** Closed windows, published once each. */
    public static final String WINDOWS = "xastream.windows";
    /** One settled event per settled record, for downstream consumers. */
    public static final String SETTLED = "xastream.settled";
    /** Records refused, untouched, with a reason ({@link MessageProperties#REASON}). */
    public static final String REJECTED = "xastream.rejected";
    /** Records out of delivery attempts, parked with nothing applied. */
    public static final String DEADLETTER = "xastream.deadletter";

    public static final String TRANSFERS_JNDI = "java:/jms/queue/xastream/transfers";
    public static final String VALIDATED_JNDI = "java:/jms/queue/xastream/validated";
    public static final String APPLIED_JNDI = "java:/jms/queue/xastream/applied";
    public static final String WINDOWS_JNDI = "java:/jms/queue/xastream/windows";
    public static final String SETTLED_JNDI = "java:/jms/queue/xastream/settled";
    public static final String REJECTED_JNDI = "java:/jms/queue/xastream/rejected";
    public static final String DEADLETTER_JNDI = "java:/jms/queue/xastream/deadletter";

    private Streams() {
    }

    /** The JNDI name inside the server of a queue named {@code xastream.<name>}. */
    public static String jndiName(String queue) {
        return "java:/jms/queue/" + queue.replace('.', '/');
    }
}
