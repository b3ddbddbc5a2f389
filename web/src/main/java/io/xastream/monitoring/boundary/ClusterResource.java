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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Every server running xastream on these ledgers, as each last reported itself, and the broker's
 * queues they share: the same answer from any node. Role {@code monitor} required (web.xml).
 */
@Path("cluster")
@RequestScoped
@Tag(name = "monitoring")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class ClusterResource {

    @Inject
    ClusterNodes nodes;

    @Inject
    QueueStatistics queues;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "cluster", summary = "Every server running xastream on these ledgers, and the broker's queues they share",
            description = "Each server (a node of a cluster, or the one server) reports itself to ledger A every two seconds: "
                + "its state, its stages and their consumers, the records its busiest stage handled and per second, its "
                + "transactions in flight and in its log store. Any node answers the same; a node whose last report is "
                + "over 10 s old is silent (stopped, dead, or cut off from ledger A). Role monitor.")
    @APIResponse(responseCode = "200", description = "The nodes and the queues",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ClusterView")))
    @APIResponse(responseCode = "503", ref = "LedgerUnreachable")
    public Response cluster() {
        String self = ServerState.nodeIdentifier();
        return Response.ok(new ClusterView(self, nodes.read(self), queues.read())).cacheControl(Responses.noStore()).build();
    }
}
