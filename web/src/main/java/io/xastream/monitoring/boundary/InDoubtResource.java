package io.xastream.monitoring.boundary;

import io.xastream.api.Responses;
import io.xastream.monitoring.control.InDoubtReader;
import io.xastream.operation.boundary.ActionResponses;
import io.xastream.operation.boundary.Roles;
import io.xastream.operation.control.AuditLog;
import io.xastream.operation.control.InDoubtResolution;
import io.xastream.operation.entity.ActionResult;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import javax.management.JMException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What InDoubtReader finds, as JSON (role {@code monitor}), and what an operator may do about it
 * by hand (role {@code operator}, CSRF token, audited): see InDoubtResolution for what is allowed.
 */
@Path("in-doubt")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "monitoring")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class InDoubtResource {

    private static final Logger LOG = Logger.getLogger(InDoubtResource.class.getName());
    private static final String REFUSED = "Refused: outcome `refused`, the reason and the safe alternative in `detail`.";
    private static final String FAILED = "The action failed: outcome `failed`, the error in `detail`.";

    @Inject
    InDoubtReader reader;

    @Inject
    InDoubtResolution resolution;

    @Inject
    AuditLog audit;

    @Context
    SecurityContext security;

    @GET
    @Operation(operationId = "in-doubt", summary = "Everything prepared but not finished",
            description = "The transactions in Narayana's log store (with the records they wrote, and heuristic outcomes), the "
                + "branches PostgreSQL and MariaDB hold prepared (matched to the log by xid) and the broker's prepared "
                + "transactions. What is younger than three seconds is in flight and left out (heuristic outcomes never "
                + "are). Empty lists are the healthy state. Role `monitor`.")
    @APIResponse(responseCode = "200", description = "The in-doubt view.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "InDoubt")))
    @APIResponse(responseCode = "503", ref = "LedgerUnreachable")
    public Response inDoubt() throws JMException {
        return Response.ok(reader.read()).cacheControl(Responses.noStore()).build();
    }

    /** Removes a heuristic transaction from the log store, once the books are repaired. */
    @POST
    @Path("transactions/{transactionId}/forget")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "forget-heuristic-transaction", summary = "Forget a heuristic transaction",
            description = "Removes a transaction with a heuristic participant from Narayana's log store, once an operator has "
                + "repaired the books. Refused (409) for a transaction without a heuristic participant: a recovery pass "
                + "finishes it as the log decided. Role `operator` and the `X-CSRF-Token` header (from `GET /session`). "
                + "Audited in the database table operator_action, whatever the outcome.")
    @Tag(name = "operation")
    @SecurityRequirementsSet({@SecurityRequirement(name = "basicAuth"), @SecurityRequirement(name = "csrfToken")})
    @APIResponse(responseCode = "200", description = "Removed from the log store: outcome `done`.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ActionResult")))
    @APIResponse(responseCode = "403", ref = "ActionForbidden")
    @APIResponse(responseCode = "404", description = "No such transaction in the log store: outcome `not-found`.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ActionResult")))
    @APIResponse(responseCode = "409", description = REFUSED,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ActionResult")))
    @APIResponse(responseCode = "503", description = FAILED,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ActionResult")))
    public Response forget(@Parameter(description = "The transaction id as the log store names it (`logStore[].id` of "
            + "`GET /in-doubt`).") @PathParam("transactionId") String transactionId) {
        return act("forget", "log store/" + transactionId, () -> resolution.forget(transactionId));
    }

    /** Commits or rolls back an orphaned branch, named as its resource lists it (query parameter {@code name}). */
    @POST
    @Path("branches/{resource: postgres|mariadb|artemis}/{decision: commit|rollback}")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "finish-orphaned-branch", summary = "Commit or roll back an orphaned prepared branch",
            description = "Ends a branch that a resource holds prepared and whose transaction the log store does not hold "
                + "(recovery leaves foreign branches alone). Refused (409) when the branch's transaction is in the log "
                + "store: a recovery pass finishes it as the coordinator decided. PostgreSQL: COMMIT/ROLLBACK PREPARED; "
                + "MariaDB: XA COMMIT/ROLLBACK; Artemis: commit/rollback of the prepared transaction. Acts only on a "
                + "branch the in-doubt view lists at that moment. Role `operator` and the `X-CSRF-Token` header (from "
                + "`GET /session`). Audited in the database table operator_action, whatever the outcome.")
    @Tag(name = "operation")
    @SecurityRequirementsSet({@SecurityRequirement(name = "basicAuth"), @SecurityRequirement(name = "csrfToken")})
    @APIResponse(responseCode = "200", description = "Committed or rolled back: outcome `done`.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ActionResult")))
    @APIResponse(responseCode = "400", description = "No `name`.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Error")))
    @APIResponse(responseCode = "403", ref = "ActionForbidden")
    @APIResponse(responseCode = "404", description = "No such prepared branch: outcome `not-found`.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ActionResult")))
    @APIResponse(responseCode = "409", description = REFUSED,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ActionResult")))
    @APIResponse(responseCode = "503", description = FAILED,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ActionResult")))
    public Response finish(
            @Parameter(schema = @Schema(type = SchemaType.STRING, enumeration = {"postgres", "mariadb", "artemis"}))
            @PathParam("resource") String resource,
            @Parameter(schema = @Schema(type = SchemaType.STRING, enumeration = {"commit", "rollback"}))
            @PathParam("decision") String decision,
            @Parameter(required = true, description = "The branch as its resource lists it (`name` of an entry of `postgres`, "
                + "`mariaDb` or `artemis` in `GET /in-doubt`).") @QueryParam("name") String name) {
        // A missing name is refused (400) and audited like a malformed one.
        return act(decision, resource + "/" + name, () -> resolution.finish(resource, name, "commit".equals(decision)));
    }

    interface Action {
        ActionResult run() throws Exception;
    }

    private Response act(String action, String target, Action run) {
        String actor = security.getUserPrincipal().getName();
        ActionResult result;
        try {
            result = run.run();
        } catch (Exception e) {
            LOG.log(Level.WARNING, action + " of " + target + " by " + actor + " failed", e);
            result = new ActionResult(action, target, ActionResult.FAILED, String.valueOf(e));
        }
        audit.recordAlone(actor, result);
        return ActionResponses.of(result);
    }
}
