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

import java.util.logging.Level;
import java.util.logging.Logger;

/** Role operator: run a recovery pass now. Safe at any time: it does what the periodic pass would do. */
@Path("recovery/scan")
@RequestScoped
public class RecoveryResource {

    private static final Logger LOG = Logger.getLogger(RecoveryResource.class.getName());

    @Inject
    RecoveryScan recovery;

    @Inject
    AuditLog audit;

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Produces(MediaType.APPLICATION_JSON)
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
