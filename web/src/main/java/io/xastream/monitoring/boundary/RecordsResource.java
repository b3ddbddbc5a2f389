package io.xastream.monitoring.boundary;

import io.xastream.api.Responses;
import io.xastream.contract.TransferFormat;
import io.xastream.monitoring.control.RecordTracer;
import io.xastream.monitoring.entity.RecordTrace;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import javax.management.JMException;

/**
 * The trace of one record id. The id must look like a record id (the pattern the pipeline accepts),
 * so it can reach neither SQL (bound parameters anyway) nor a JMS selector as anything but an id.
 * 404 with the (empty) trace when no place knows the id.
 */
@Path("records/{recordId}")
@RequestScoped
@Tag(name = "monitoring")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class RecordsResource {

    @Inject
    RecordTracer tracer;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "trace-record", summary = "Trace one record",
            description = "Everything the pipeline knows about one record id: its committed outcomes, the ledger entries it "
                + "booked in both ledgers, and its messages waiting on the transfer stream or parked in the dead-letter "
                + "and rejected queues. Role `monitor`.")
    @APIResponse(responseCode = "200", description = "The trace.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "RecordTrace")))
    @APIResponse(responseCode = "400", description = "Not a record id.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Error")))
    @APIResponse(responseCode = "404", description = "No place knows the id: the trace with state `unknown` and empty lists.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "RecordTrace")))
    @APIResponse(responseCode = "503", ref = "LedgerUnreachable")
    public Response trace(@Parameter(ref = "RecordId") @PathParam("recordId") String recordId) throws JMSException, JMException {
        if (!TransferFormat.RECORD_ID.matcher(recordId).matches()) {
            return Responses.badRequest("a record id is 1 to 64 of A-Z a-z 0-9 . _ : -");
        }
        RecordTrace trace = tracer.trace(recordId);
        return Response.status("unknown".equals(trace.state()) ? Response.Status.NOT_FOUND : Response.Status.OK)
                .entity(trace).cacheControl(Responses.noStore()).build();
    }
}
