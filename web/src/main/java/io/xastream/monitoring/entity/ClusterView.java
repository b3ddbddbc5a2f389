package io.xastream.monitoring.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.List;

/**
 * Every server running xastream on these ledgers and the broker's queues they share, as any one of
 * them sees it (docs/scale-out.md).
 *
 * @param self   the answering server's node identifier
 * @param nodes  every server that ever reported, this one first, then by identifier
 * @param queues the pipeline's queues on the broker: depths, deliveries and consumers of all nodes together
 */
@JsonbPropertyOrder({"self", "nodes", "queues"})
public record ClusterView(String self, List<NodeStatus> nodes, List<QueueStatus> queues) {
}
