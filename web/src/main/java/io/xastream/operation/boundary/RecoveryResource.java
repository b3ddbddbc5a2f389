package io.xastream.operation.boundary;

import io.xastream.operation.control.AuditLog;
import io.xastream.operation.control.RecoveryScan;
import io.xastream.operation.entity.ActionResult;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Role operator: run a recovery pass now. Safe at any time: it does what the periodic pass would do. */
@Path("recovery/scan")
@RequestScoped
@Tag(name = "operation")
@APIResponse(responseCode = "401", ref = "Unauthorized")
public class RecoveryResource {

    private static final Logger LOG = Logger.getLogger(RecoveryResource.class.getName());

    @Inject
    RecoveryScan recovery;

    @Inject
    AuditLog audit;

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recovery-scan", summary = "Run a recovery pass now",
            description = "Runs one pass of Narayana's periodic recovery instead of waiting for the next period: prepared "
                + "branches whose transaction committed are committed, orphans are rolled back. Blocks until the pass is "
                + "over; safe at any time. Role `operator` and the `X-CSRF-Token` header (from `GET /session`). Audited "
                + "in the database table operator_action, whether it succeeds or fails.")
    @SecurityRequirementsSet({@SecurityRequirement(name = "basicAuth"), @SecurityRequirement(name = "csrfToken")})
    @APIResponse(responseCode = "200", description = "The pass ran: outcome `done`, its duration in `detail`.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ActionResult")))
    @APIResponse(responseCode = "403", ref = "ActionForbidden")
    @APIResponse(responseCode = "503", description = "The pass failed: outcome `failed`, the error in `detail`.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ActionResult")))
    public Response scan(@Context SecurityContext security) {
        String actor = security.getUserPrincipal().getName();
        ActionResult result;
        try {
            long millis = recovery.runNow();
            result = new ActionResult("recovery-scan", "transaction recovery manager", ActionResult.DONE,
                    "one recovery pass in " + millis + " ms");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "recovery scan asked by " + actor + " failed", e);
            result = new ActionResult("recovery-scan", "transaction recovery manager", ActionResult.FAILED, String.valueOf(e));
        }
        // No transaction to share: the scan commits what it recovers itself.
        audit.recordAlone(actor, result);
        return ActionResponses.of(result);
    }
}
