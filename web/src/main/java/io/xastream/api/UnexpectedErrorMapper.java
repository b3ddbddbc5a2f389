package io.xastream.api;

import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last resort: whatever no other mapper takes. A failure a client caused (a body that does not
 * parse, RESTEasy's own 4xx failures) keeps its 4xx; anything else is the server's, answered 500
 * with an incident id and logged under it, never with the exception's text.
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        int clientStatus = clientStatus(e);
        if (clientStatus != 0) {
            LOG.log(Level.FINE, "client error " + clientStatus, e);
            Response.Status status = Response.Status.fromStatusCode(clientStatus);
            return Responses.error(status == null ? Response.Status.BAD_REQUEST : status, clientStatus == 400
                    ? "request body is not the JSON expected" : "request refused (" + clientStatus + ")");
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "incident " + incident + ": unexpected failure", e);
        return Response.serverError().type(MediaType.APPLICATION_JSON).cacheControl(Responses.noStore())
                .entity(Map.of("error", "internal error, logged as incident " + incident)).build();
    }

    /** The 4xx status of a failure the request caused, or 0 when the server caused it. */
    static int clientStatus(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            // Parsing is reading: only a request body is ever parsed, a response is written.
            if (cause instanceof JsonParsingException) {
                return 400;
            }
            int status = errorCode(cause);
            if (status >= 400 && status < 500) {
                return status;
            }
        }
        return 0;
    }

    /**
     * RESTEasy reports some failures of a request (a body it cannot read, a malformed header) as its
     * own org.jboss.resteasy.spi.Failure, not a WebApplicationException, with the status in getErrorCode().
     */
    private static int errorCode(Throwable e) {
        if (!e.getClass().getName().startsWith("org.jboss.resteasy.")) {
            return 0;
        }
        try {
            Method errorCode = e.getClass().getMethod("getErrorCode");
            return errorCode.invoke(e) instanceof Integer status ? status : 0;
        } catch (ReflectiveOperationException notAFailure) {
            return 0;
        }
    }
}
