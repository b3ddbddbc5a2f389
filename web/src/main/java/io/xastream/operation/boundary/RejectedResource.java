package io.xastream.operation.boundary;

import io.xastream.operation.entity.ParkingQueue;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.jms.JMSException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The rejected queue: invalid records, with the reason. */
@Path("rejected")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "operation")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class RejectedResource extends ParkedRecordsResource {

    public RejectedResource() {
        super(ParkingQueue.REJECTED);
    }

    @GET
    @Operation(operationId = "list-rejected", summary = "Browse the rejected queue",
            description = "Up to `limit` messages of the rejected queue (invalid records, with the reason), oldest first, "
                + "browsed without taking any. Role `monitor`.")
    @APIResponse(responseCode = "200", ref = "ParkedListed")
    @APIResponse(responseCode = "400", ref = "ParkedLimitOutside")
    public Response list(@Parameter(ref = "ParkedLimit") @QueryParam("limit") @DefaultValue("100") int limit) throws JMSException {
        return browse(limit);
    }

    @GET
    @Path("{messageId}")
    @Operation(operationId = "get-rejected", summary = "One rejected record",
            description = "The message with this JMS message id in the rejected queue, browsed without taking it. Role `monitor`.")
    @APIResponse(responseCode = "200", ref = "ParkedFound")
    @APIResponse(responseCode = "400", ref = "NotAMessageId")
    @APIResponse(responseCode = "404", ref = "NoSuchParkedMessage")
    public Response one(@Parameter(ref = "MessageId") @PathParam("messageId") String messageId) throws JMSException {
        return find(messageId);
    }

    @POST
    @Path("{messageId}/replay")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "replay-rejected", summary = "Replay one rejected record", description = REPLAY)
    @SecurityRequirementsSet({@SecurityRequirement(name = "basicAuth"), @SecurityRequirement(name = "csrfToken")})
    @APIResponse(responseCode = "200", ref = "ParkedActionDone")
    @APIResponse(responseCode = "400", ref = "ParkedActionInvalid")
    @APIResponse(responseCode = "403", ref = "ActionForbidden")
    @APIResponse(responseCode = "404", ref = "ParkedActionGone")
    @APIResponse(responseCode = "503", ref = "ParkedActionNothingMoved")
    public Response replay(@Parameter(ref = "MessageId") @PathParam("messageId") String messageId) {
        return replayOne(messageId);
    }

    @POST
    @Path("{messageId}/discard")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "discard-rejected", summary = "Discard one rejected record", description = DISCARD)
    @SecurityRequirementsSet({@SecurityRequirement(name = "basicAuth"), @SecurityRequirement(name = "csrfToken")})
    @APIResponse(responseCode = "200", ref = "ParkedActionDone")
    @APIResponse(responseCode = "400", ref = "ParkedActionInvalid")
    @APIResponse(responseCode = "403", ref = "ActionForbidden")
    @APIResponse(responseCode = "404", ref = "ParkedActionGone")
    @APIResponse(responseCode = "503", ref = "ParkedActionNothingMoved")
    public Response discard(@Parameter(ref = "MessageId") @PathParam("messageId") String messageId) {
        return discardOne(messageId);
    }
}
