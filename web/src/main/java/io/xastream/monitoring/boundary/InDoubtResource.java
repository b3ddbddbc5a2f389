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
public class InDoubtResource {

    private static final Logger LOG = Logger.getLogger(InDoubtResource.class.getName());

    @Inject
    InDoubtReader reader;

    @Inject
    InDoubtResolution resolution;

    @Inject
    AuditLog audit;

    @Context
    SecurityContext security;

    @GET
    public Response inDoubt() throws JMException {
        return Response.ok(reader.read()).cacheControl(Responses.noStore()).build();
    }

    /** Removes a heuristic transaction from the log store, once the books are repaired. */
    @POST
    @Path("transactions/{transactionId}/forget")
    @RolesAllowed(Roles.OPERATOR)
    public Response forget(@PathParam("transactionId") String transactionId) {
        return act("forget", "log store/" + transactionId, () -> resolution.forget(transactionId));
    }

    /** Commits or rolls back an orphaned branch, named as its resource lists it (query parameter {@code name}). */
    @POST
    @Path("branches/{resource: postgres|mariadb|artemis}/{decision: commit|rollback}")
    @RolesAllowed(Roles.OPERATOR)
    public Response finish(@PathParam("resource") String resource, @PathParam("decision") String decision,
                           @QueryParam("name") String name) {
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
