package io.xastream.operation.boundary;

import io.xastream.operation.control.AuditLog;
import io.xastream.operation.control.CsrfTokens;
import io.xastream.operation.entity.ActionResult;
import io.xastream.operation.entity.Session;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * Who is signed in, whether they may act, and a fresh token their actions must carry; and logout,
 * which voids every token issued to the user so far (the browser keeps its BASIC credentials: the
 * next GET here issues a new token).
 */
@Path("session")
@RequestScoped
public class SessionResource {

    /** The one POST any signed-in user may send (ActionGuard): with a valid token of their own. */
    static final String LOGOUT = "session/logout";

    @Inject
    CsrfTokens tokens;

    @Inject
    AuditLog audit;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response session(@Context SecurityContext security) {
        String user = security.getUserPrincipal().getName();
        CacheControl private_ = new CacheControl();
        private_.setNoStore(true);
        private_.setPrivate(true);
        return Response.ok(new Session(user, security.isUserInRole(Roles.OPERATOR), tokens.tokenFor(user),
                        tokens.lifetime().toSeconds()))
                .cacheControl(private_).build();
    }

    @POST
    @Path("logout")
    @Produces(MediaType.APPLICATION_JSON)
    public Response logout(@Context SecurityContext security) {
        String user = security.getUserPrincipal().getName();
        tokens.revoke(user);
        ActionResult result = new ActionResult("logout", "session", ActionResult.DONE,
                "every token issued to " + user + " until now is void");
        audit.recordAlone(user, result);
        return ActionResponses.of(result);
    }
}
