package io.xastream.login.boundary;

import io.xastream.api.Responses;
import io.xastream.login.control.LockoutReader;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Failed logins and lockouts, beside the audit log of actions. Role monitor, like the audit log:
 * whoever watches the pipeline sees that someone is locking the operators out.
 */
@Path("audit/logins")
@RequestScoped
@Tag(name = "operation")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class LoginsResource {

    @Inject
    LockoutReader lockouts;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "auditLogins", summary = "Failed logins and lockouts",
            description = "Per user with a failed login: how many in a row, the last one, and the end of the latest lockout "
                + "(Elytron's brute-force protection of ApplicationRealm, configured by login-lockout.cli). Replayed "
                + "from the latest 1 MiB of Elytron's JSON security event log (the file is named in the answer); Elytron "
                + "itself keeps its count in memory only. Users who are locked out now come first. An unknown user name "
                + "is not listed (Elytron logs no name for it). Event times are whole seconds: lockedUntil is a second "
                + "after the last failure plus the lockout interval. Role `monitor`.")
    @APIResponse(responseCode = "200", description = "The lockout policy and the users, locked first, then by latest failure.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "LoginAudit")))
    public Response latest() {
        return Response.ok(lockouts.read()).cacheControl(Responses.noStore()).build();
    }
}
