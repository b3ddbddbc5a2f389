package io.xastream.operation.boundary;

import io.xastream.api.Printable;
import io.xastream.api.Responses;
import io.xastream.operation.control.AuditLog;
import io.xastream.operation.control.CsrfTokens;
import io.xastream.operation.entity.ActionResult;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Before any resource runs: every path and query value must be printable and of bounded length
 * (400 otherwise), and every request that can change something must come from an operator (403)
 * carrying a CSRF token issued to them, unexpired and not voided by their logout (GET /api/session
 * gives one; 403). Logout itself is open to every signed-in user, with a token of their own. Each refused action is audited, with
 * what was sent escaped. Runs before RESTEasy's own @RolesAllowed check, which stays as a second
 * line but audits nothing.
 */
@Provider
@Priority(Priorities.AUTHORIZATION - 100)
public class ActionGuard implements ContainerRequestFilter {

    static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Logger LOG = Logger.getLogger(ActionGuard.class.getName());

    @Inject
    CsrfTokens tokens;

    @Inject
    AuditLog audit;

    @Override
    public void filter(ContainerRequestContext request) {
        UriInfo uri = request.getUriInfo();
        Optional<String> badValue = badValue(uri.getPathParameters(), "path").or(() -> badValue(uri.getQueryParameters(), "query"));
        if (SAFE_METHODS.contains(request.getMethod())) {
            badValue.ifPresent(reason -> request.abortWith(Responses.badRequest(reason)));
            return;
        }
        Principal user = request.getSecurityContext().getUserPrincipal();
        String actor = user == null ? "anonymous" : user.getName();
        boolean anyUser = relative(uri).equals(SessionResource.LOGOUT);
        if (user == null || !anyUser && !request.getSecurityContext().isUserInRole(Roles.OPERATOR)) {
            refuse(request, actor, ActionResult.DENIED, "role " + Roles.OPERATOR + " needed");
        } else if (!tokens.isValid(actor, request.getHeaderString(CsrfTokens.HEADER))) {
            refuse(request, actor, ActionResult.DENIED,
                    "missing or wrong " + CsrfTokens.HEADER + " header: GET /api/session gives the token");
        } else {
            badValue.ifPresent(reason -> refuse(request, actor, ActionResult.INVALID, reason));
        }
    }

    private static String relative(UriInfo uri) {
        return uri.getPath().startsWith("/") ? uri.getPath().substring(1) : uri.getPath();
    }

    static Optional<String> badValue(MultivaluedMap<String, String> parameters, String where) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            for (String value : parameter.getValue()) {
                Optional<String> refusal = Printable.refusal(value);
                if (refusal.isPresent()) {
                    return Optional.of(where + " parameter " + Printable.escape(parameter.getKey()) + ": " + refusal.get());
                }
            }
        }
        return Optional.empty();
    }

    private void refuse(ContainerRequestContext request, String actor, String outcome, String reason) {
        ActionResult refused = actionOf(request.getUriInfo(), outcome, reason);
        try {
            audit.recordAlone(actor, refused);
        } catch (RuntimeException e) {
            // The refusal stands even when the audit log cannot take it; the server log keeps it then.
            LOG.log(Level.WARNING, "refused " + Printable.escape(refused.toString()) + " by " + Printable.escape(actor)
                    + " could not be audited", e);
        }
        request.abortWith(ActionResponses.of(refused));
    }

    /** The action is the path's last segment (replay, discard, scan, commit…), the target what precedes it and the query. */
    static ActionResult actionOf(UriInfo uri, String outcome, String reason) {
        String path = relative(uri);
        int slash = path.lastIndexOf('/');
        String target = slash < 0 ? "" : path.substring(0, slash);
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        if (!query.isEmpty()) {
            target += query.entrySet().stream()
                    .flatMap(p -> p.getValue().stream().map(v -> p.getKey() + "=" + v))
                    .collect(Collectors.joining("&", "?", ""));
        }
        return new ActionResult(path.substring(slash + 1), target, outcome, reason);
    }
}
