package io.xastream.api;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What JAX-RS refuses before a resource runs (no such path, wrong method, content type or Accept,
 * a parameter that does not convert) answers like every resource does: JSON with a reason, the
 * status and headers (Allow, for a 405) kept. A 5xx here is the server's: logged.
 */
@Provider
public class ClientErrorMapper implements ExceptionMapper<WebApplicationException> {

    private static final Logger LOG = Logger.getLogger(ClientErrorMapper.class.getName());

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        if (original.hasEntity()) {
            return original;
        }
        if (original.getStatus() >= 500) {
            LOG.log(Level.WARNING, "server error " + original.getStatus() + " answered", e);
        }
        return Response.fromResponse(original)
                .type(MediaType.APPLICATION_JSON)
                .cacheControl(Responses.noStore())
                .entity(Map.of("error", reason(e)))
                .build();
    }

    static String reason(WebApplicationException e) {
        Response response = e.getResponse();
        String detail = e.getMessage() == null ? "" : ": " + Printable.escape(e.getMessage());
        if (e instanceof NotAllowedException) {
            return "method not allowed here; allowed: " + response.getHeaderString(HttpHeaders.ALLOW);
        }
        if (e instanceof NotSupportedException) {
            return "content type not supported here: the API takes no request body but JSON";
        }
        if (e instanceof NotAcceptableException) {
            return "no representation for the Accept header: this resource answers application/json"
                    + " (the event stream text/event-stream, metrics text/plain)";
        }
        if (e instanceof NotFoundException) {
            return "not found (paths and parameters: /xastream/openapi.json)" + detail;
        }
        return response.getStatusInfo().getReasonPhrase() + detail;
    }
}
