package io.xastream.operation.boundary;

import io.xastream.api.Responses;
import io.xastream.operation.control.AuditLog;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The audit log, newest first. Role monitor: everyone who can see the pipeline sees who acted on it. */
@Path("audit")
@RequestScoped
public class AuditResource {

    static final int MAX_LIMIT = 1000;

    @Inject
    AuditLog audit;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response latest(@QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            return Responses.badRequest("limit must be between 1 and " + MAX_LIMIT);
        }
        return Response.ok(audit.latest(limit)).cacheControl(Responses.noStore()).build();
    }
}
