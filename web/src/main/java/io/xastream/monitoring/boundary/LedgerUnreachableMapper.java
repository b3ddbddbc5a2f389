package io.xastream.monitoring.boundary;

import io.xastream.api.Responses;
import io.xastream.monitoring.control.LedgerUnreachableException;
import io.xastream.monitoring.entity.LedgerOutage;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A ledger outage is a state of the system worth showing, not a server error: 503 with its name. */
@Provider
public class LedgerUnreachableMapper implements ExceptionMapper<LedgerUnreachableException> {

    /** The page polls every two seconds anyway; other clients get a hint. */
    static final String RETRY_AFTER_SECONDS = "5";

    @Override
    public Response toResponse(LedgerUnreachableException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .type(MediaType.APPLICATION_JSON)
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .cacheControl(Responses.noStore())
                .entity(new LedgerOutage(e.getMessage(), e.ledger(), e.engine()))
                .build();
    }
}
