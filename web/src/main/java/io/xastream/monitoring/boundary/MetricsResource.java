package io.xastream.monitoring.boundary;

import io.xastream.api.Responses;
import io.xastream.monitoring.control.PrometheusFormat;
import io.xastream.monitoring.control.StatusReader;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

/**
 * The status snapshot for Prometheus (role monitor: configure the scrape job with basic auth).
 * A ledger outage answers 503, so the scrape fails visibly instead of reporting stale sums.
 */
@Path("metrics")
@RequestScoped
public class MetricsResource {

    @Inject
    StatusReader reader;

    @GET
    @Produces(PrometheusFormat.MEDIA_TYPE)
    public Response metrics() {
        return Response.ok(PrometheusFormat.of(reader.read()), PrometheusFormat.MEDIA_TYPE)
                .cacheControl(Responses.noStore()).build();
    }
}
