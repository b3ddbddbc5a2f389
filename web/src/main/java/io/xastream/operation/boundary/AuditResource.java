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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit log, newest first. Role monitor: everyone who can see the pipeline sees who acted on it. */
@Path("audit")
@RequestScoped
@Tag(name = "operation")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class AuditResource {

    static final int MAX_LIMIT = 1000;

    @Inject
    AuditLog audit;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "audit", summary = "The audit log",
            description = "The latest operator actions (replays, discards, recovery scans, including the refused and failed "
                + "ones), newest first, from the database table operator_action. Role `monitor`: everyone who can see "
                + "the pipeline sees who acted on it.")
    @APIResponse(responseCode = "200", description = "The entries, newest first.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AuditEntries")))
    @APIResponse(responseCode = "400", description = "`limit` outside 1 to 1000.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Error")))
    public Response latest(@Parameter(ref = "AuditLimit") @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            return Responses.badRequest("limit must be between 1 and " + MAX_LIMIT);
        }
        return Response.ok(audit.latest(limit)).cacheControl(Responses.noStore()).build();
    }
}
