package io.xastream.operation.boundary;

import io.xastream.api.Responses;
import io.xastream.operation.control.AuditLog;
import io.xastream.operation.control.ParkedRecords;
import io.xastream.operation.entity.ActionResult;
import io.xastream.operation.entity.ParkingQueue;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The dead-letter and rejected queues: browse (role monitor), replay or discard one message (role
 * operator, with the CSRF token). Every action is audited, including the ones that find nothing or fail.
 */
@Path("{queue: dead-letters|rejected}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ParkedRecordsResource {

    static final int MAX_LIMIT = 500;
    private static final Logger LOG = Logger.getLogger(ParkedRecordsResource.class.getName());

    @Inject
    ParkedRecords parked;

    @Inject
    AuditLog audit;

    @PathParam("queue")
    String queue;

    @Context
    SecurityContext security;

    @GET
    public Response list(@QueryParam("limit") @DefaultValue("100") int limit) throws JMSException {
        if (limit < 1 || limit > MAX_LIMIT) {
            return Responses.badRequest("limit must be between 1 and " + MAX_LIMIT);
        }
        return Response.ok(parked.browse(parking(), limit)).cacheControl(Responses.noStore()).build();
    }

    @GET
    @Path("{messageId}")
    public Response one(@PathParam("messageId") String messageId) throws JMSException {
        if (!ParkedRecords.MESSAGE_ID.matcher(messageId).matches()) {
            return Responses.badRequest("not a message id: " + ParkedRecords.MESSAGE_ID.pattern());
        }
        return parked.find(parking(), messageId)
                .map(record -> Response.ok(record).cacheControl(Responses.noStore()).build())
                .orElseGet(() -> Responses.notFound("no message " + messageId + " in " + queue));
    }

    @POST
    @Path("{messageId}/replay")
    @RolesAllowed(Roles.OPERATOR)
    public Response replay(@PathParam("messageId") String messageId) {
        return act("replay", messageId, actor -> parked.replay(parking(), messageId, actor));
    }

    @POST
    @Path("{messageId}/discard")
    @RolesAllowed(Roles.OPERATOR)
    public Response discard(@PathParam("messageId") String messageId) {
        return act("discard", messageId, actor -> parked.discard(parking(), messageId, actor));
    }

    interface Action {
        ActionResult run(String actor) throws JMSException;
    }

    private Response act(String action, String messageId, Action run) {
        String actor = security.getUserPrincipal().getName();
        String target = queue + "/" + messageId;
        if (!ParkedRecords.MESSAGE_ID.matcher(messageId).matches()) {
            ActionResult refused = new ActionResult(action, target, ActionResult.INVALID,
                    "not a message id: " + ParkedRecords.MESSAGE_ID.pattern());
            audit.recordAlone(actor, refused);
            return ActionResponses.of(refused);
        }
        ActionResult result;
        try {
            result = run.run(actor);
        } catch (JMSException | JMSRuntimeException | IllegalStateException | jakarta.transaction.TransactionalException e) {
            LOG.log(Level.WARNING, action + " of " + target + " by " + actor + " failed", e);
            result = new ActionResult(action, target, ActionResult.FAILED, String.valueOf(e));
            audit.recordAlone(actor, result);
        }
        // Otherwise the action wrote its audit entry itself, in its own transaction (also when nothing moved).
        return ActionResponses.of(result);
    }

    private ParkingQueue parking() {
        return ParkingQueue.ofPath(queue).orElseThrow(NotFoundException::new);
    }
}
