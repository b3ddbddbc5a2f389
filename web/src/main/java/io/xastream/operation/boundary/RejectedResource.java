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

/** The rejected queue: invalid records, with the reason. */
@Path("rejected")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RejectedResource extends ParkedRecordsResource {

    public RejectedResource() {
        super(ParkingQueue.REJECTED);
    }

    @GET
    public Response list(@QueryParam("limit") @DefaultValue("100") int limit) throws JMSException {
        return browse(limit);
    }

    @GET
    @Path("{messageId}")
    public Response one(@PathParam("messageId") String messageId) throws JMSException {
        return find(messageId);
    }

    @POST
    @Path("{messageId}/replay")
    @RolesAllowed(Roles.OPERATOR)
    public Response replay(@PathParam("messageId") String messageId) {
        return replayOne(messageId);
    }

    @POST
    @Path("{messageId}/discard")
    @RolesAllowed(Roles.OPERATOR)
    public Response discard(@PathParam("messageId") String messageId) {
        return discardOne(messageId);
    }
}
