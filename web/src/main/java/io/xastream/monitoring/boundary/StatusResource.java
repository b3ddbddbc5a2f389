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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * One snapshot of outcomes, ledgers, the money invariant and Narayana's counters, or the same as a
 * live stream of server-sent events. Role {@code monitor} required (web.xml). Answers 503 naming
 * the ledger when one is unreachable.
 */
@Path("status")
@RequestScoped
@Tag(name = "monitoring")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class StatusResource {

    @Inject
    StatusReader reader;

    @Inject
    StatusBroadcast broadcast;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "status", summary = "A snapshot of the pipeline",
            description = "Record outcomes, both ledgers' totals, the money invariant, Narayana's transaction counters and the "
                + "pipeline's queues, read now. Role `monitor`.")
    @APIResponse(responseCode = "200", description = "The snapshot.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Status")))
    @APIResponse(responseCode = "503", ref = "LedgerUnreachable")
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
    @Operation(operationId = "status-stream", summary = "The snapshot as a live stream of server-sent events",
            description = "A stream that stays open. Events, each with JSON data: `status` (a `Status`, every two seconds), "
                + "`outage` (a `LedgerOutage`, sent instead of `status` while a ledger is unreachable) and `in-doubt` (an "
                + "`InDoubt`, every fifth tick, i.e. every ten seconds). A new subscriber gets the last picture at once, from "
                + "memory; every subscriber gets the same snapshots. Each user may hold `xastream.dashboard.streams-per-user` "
                + "(100) streams open at once. Role `monitor`.")
    @APIResponse(responseCode = "200", description = "The event stream.",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING,
                    description = "Server-sent events named `status`, `outage` and `in-doubt`; the data of each is one JSON "
                        + "document (`Status`, `LedgerOutage`, `InDoubt`).")))
    @APIResponse(responseCode = "429", description = "The user already holds as many open streams as allowed.",
            headers = @Header(name = "Retry-After", description = "Seconds: 10.", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Error")))
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
