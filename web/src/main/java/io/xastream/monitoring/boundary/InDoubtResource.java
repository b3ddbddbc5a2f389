package io.xastream.monitoring.boundary;

import io.xastream.monitoring.control.InDoubtReader;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import javax.management.JMException;

/** What InDoubtReader finds, as JSON. Role {@code monitor} (web.xml). */
@Path("in-doubt")
@RequestScoped
public class InDoubtResource {

    @Inject
    InDoubtReader reader;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response inDoubt() throws JMException {
        return Response.ok(reader.read()).cacheControl(StatusResource.noStore()).build();
    }
}
