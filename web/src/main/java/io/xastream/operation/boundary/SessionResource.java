package io.xastream.operation.boundary;

import io.xastream.operation.control.CsrfTokens;
import io.xastream.operation.entity.Session;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/** Who is signed in, whether they may act, and the token their actions must carry. */
@Path("session")
@RequestScoped
public class SessionResource {

    @Inject
    CsrfTokens tokens;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response session(@Context SecurityContext security) {
        String user = security.getUserPrincipal().getName();
        CacheControl private_ = new CacheControl();
        private_.setNoStore(true);
        private_.setPrivate(true);
        return Response.ok(new Session(user, security.isUserInRole(Roles.OPERATOR), tokens.tokenFor(user)))
                .cacheControl(private_).build();
    }
}
