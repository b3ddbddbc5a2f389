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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Who is signed in, whether they may act, and a fresh token their actions must carry; and logout,
 * which voids every token issued to the user so far (the browser keeps its BASIC credentials: the
 * next GET here issues a new token).
 */
@Path("session")
@RequestScoped
@Tag(name = "operation")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class SessionResource {

    /** The one POST any signed-in user may send (ActionGuard): with a valid token of their own. */
    static final String LOGOUT = "session/logout";

    @Inject
    CsrfTokens tokens;

    @Inject
    AuditLog audit;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "session", summary = "Who is signed in",
            description = "The user, whether they have role `operator`, and a new CSRF token that their actions (every POST) "
                + "must carry in the `X-CSRF-Token` header. A token works only for this user, for "
                + "`csrfTokenLifetimeSeconds` (setting `xastream.csrf.token-ttl-seconds`, 900), and not after the user "
                + "logs out (`POST /session/logout`). Role `monitor`. Answered with `Cache-Control: private, no-store`.")
    @APIResponse(responseCode = "200", description = "The session.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Session")))
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
    @Operation(operationId = "logout", summary = "Log out: void the user's tokens",
            description = "Every CSRF token issued to the user until now stops working; the browser keeps its BASIC "
                + "credentials, so the next `GET /session` issues a new one. Open to every signed-in user (role `monitor`) "
                + "with a token of their own in the `X-CSRF-Token` header. Audited in the database table operator_action.")
    @APIResponse(responseCode = "200", description = "Logged out.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ActionResult")))
    public Response logout(@Context SecurityContext security) {
        String user = security.getUserPrincipal().getName();
        tokens.revoke(user);
        ActionResult result = new ActionResult("logout", "session", ActionResult.DONE,
                "every token issued to " + user + " until now is void");
        audit.recordAlone(user, result);
        return ActionResponses.of(result);
    }
}
