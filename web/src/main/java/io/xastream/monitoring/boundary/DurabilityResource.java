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

/**
 * Whether a commit is on disk in every engine, as the engines themselves report it: the dashboard's
 * banner, the run command's start-up lines and every benchmark row read it. Role {@code monitor}.
 */
@Path("durability")
@RequestScoped
public class DurabilityResource {

    @Inject
    DurabilityReader reader;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response durability() {
        return Response.ok(reader.read()).cacheControl(Responses.noStore()).build();
    }
}
