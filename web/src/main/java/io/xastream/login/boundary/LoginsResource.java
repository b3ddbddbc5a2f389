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

/**
 * Failed logins and lockouts, beside the audit log of actions. Role monitor, like the audit log:
 * whoever watches the pipeline sees that someone is locking the operators out.
 */
@Path("audit/logins")
@RequestScoped
public class LoginsResource {

    @Inject
    LockoutReader lockouts;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response latest() {
        return Response.ok(lockouts.read()).cacheControl(Responses.noStore()).build();
    }
}
