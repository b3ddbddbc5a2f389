package io.xastream.monitoring.boundary;

import io.xastream.api.Responses;
import io.xastream.monitoring.control.StatusReader;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * One snapshot of outcomes, ledgers, the money invariant and Narayana's counters, or the same as a
 * live stream of server-sent events. Role {@code monitor} required (web.xml). Answers 503 naming
 * the ledger when one is unreachable.
 */
@Path("status")
@RequestScoped
public class StatusResource {

    @Inject
    StatusReader reader;

    @Inject
    StatusBroadcast broadcast;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response status() {
        return Response.ok(reader.read()).cacheControl(Responses.noStore()).build();
    }

    /**
     * Events {@code status} (a snapshot, every two seconds), {@code outage} (a ledger unreachable)
     * and {@code in-doubt} (every ten seconds). Every subscriber gets the same snapshot: the cost
     * does not grow with the number of open pages. A user holding as many streams as allowed gets
     * 429 with Retry-After.
     */
    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(@Context SseEventSink sink, @Context Sse sse, @Context SecurityContext security) {
        String user = security.getUserPrincipal() == null ? "anonymous" : security.getUserPrincipal().getName();
        if (!broadcast.admit(user)) {
            Response refused = Responses.error(Response.Status.TOO_MANY_REQUESTS, user + " holds "
                    + StatusBroadcast.STREAMS_PER_USER + " open status streams, as many as one user may"
                    + " (xastream.dashboard.streams-per-user): close one, or retry later");
            throw new WebApplicationException(Response.fromResponse(refused)
                    .header(HttpHeaders.RETRY_AFTER, StatusBroadcast.TICK_MILLIS * 5 / 1000).build());
        }
        try {
            broadcast.subscribe(sink, sse, user);
        } catch (RuntimeException e) {
            broadcast.release(user);
            throw e;
        }
    }
}
