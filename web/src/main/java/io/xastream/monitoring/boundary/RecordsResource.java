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

import javax.management.JMException;

/**
 * The trace of one record id. The id must look like a record id (the pattern the pipeline accepts),
 * so it can reach neither SQL (bound parameters anyway) nor a JMS selector as anything but an id.
 * 404 with the (empty) trace when no place knows the id.
 */
@Path("records/{recordId}")
@RequestScoped
public class RecordsResource {

    @Inject
    RecordTracer tracer;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response trace(@PathParam("recordId") String recordId) throws JMSException, JMException {
        if (!TransferFormat.RECORD_ID.matcher(recordId).matches()) {
            return Responses.badRequest("a record id is 1 to 64 of A-Z a-z 0-9 . _ : -");
        }
        RecordTrace trace = tracer.trace(recordId);
        return Response.status("unknown".equals(trace.state()) ? Response.Status.NOT_FOUND : Response.Status.OK)
                .entity(trace).cacheControl(Responses.noStore()).build();
    }
}
