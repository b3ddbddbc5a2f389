package io.xastream.monitoring.boundary;

import io.xastream.api.Responses;
import io.xastream.monitoring.control.StatusReader;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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
     * does not grow with the number of open pages.
     */
    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(@Context SseEventSink sink, @Context Sse sse) {
        broadcast.subscribe(sink, sse);
    }
}
