package io.xastream.monitoring.boundary;

import io.xastream.api.Responses;
import io.xastream.monitoring.control.ClusterNodes;
import io.xastream.monitoring.control.QueueStatistics;
import io.xastream.monitoring.control.ServerState;
import io.xastream.monitoring.entity.ClusterView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Every server running xastream on these ledgers, as each last reported itself, and the broker's
 * queues they share: the same answer from any node. Role {@code monitor} required (web.xml).
 */
@Path("cluster")
@RequestScoped
public class ClusterResource {

    @Inject
    ClusterNodes nodes;

    @Inject
    QueueStatistics queues;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response cluster() {
        String self = ServerState.nodeIdentifier();
        return Response.ok(new ClusterView(self, nodes.read(self), queues.read())).cacheControl(Responses.noStore()).build();
    }
}
