package io.xastream.operation.boundary;

import io.xastream.api.Responses;
import io.xastream.operation.control.CsrfTokens;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.security.Principal;
import java.util.Set;

/** Every request that can change something must carry the user's CSRF token (GET /api/session gives it). */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class CsrfFilter implements ContainerRequestFilter {

    static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    CsrfTokens tokens;

    @Override
    public void filter(ContainerRequestContext request) {
        if (SAFE_METHODS.contains(request.getMethod())) {
            return;
        }
        Principal user = request.getSecurityContext().getUserPrincipal();
        if (user == null || !tokens.isValid(user.getName(), request.getHeaderString(CsrfTokens.HEADER))) {
            request.abortWith(Responses.error(Response.Status.FORBIDDEN,
                    "missing or wrong " + CsrfTokens.HEADER + " header: GET /api/session gives the token"));
        }
    }
}
