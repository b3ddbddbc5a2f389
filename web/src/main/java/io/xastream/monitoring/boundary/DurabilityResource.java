package io.xastream.monitoring.boundary;

import io.xastream.api.Responses;
import io.xastream.monitoring.control.DurabilityReader;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Whether a commit is on disk in every engine, as the engines themselves report it: the dashboard's
 * banner, the run command's start-up lines and every benchmark row read it. Role {@code monitor}.
 */
@Path("durability")
@RequestScoped
@Tag(name = "monitoring")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class DurabilityResource {

    @Inject
    DurabilityReader reader;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "durability", summary = "Whether every engine flushes every commit to disk",
            description = "Read back from the engines: PostgreSQL fsync, synchronous_commit and full_page_writes; MariaDB "
                + "innodb_flush_log_at_trx_commit and sync_binlog (where the binary log is on); the Artemis broker's "
                + "persistence and journal sync; Narayana's object store and transaction sync. durable is false when any "
                + "of them is off (NON-DURABLE) or could not be read. Role monitor.")
    @APIResponse(responseCode = "200", description = "The engines and their settings",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Durability")))
    public Response durability() {
        return Response.ok(reader.read()).cacheControl(Responses.noStore()).build();
    }
}
