package io.xastream.monitoring.boundary;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.xastream.api.Responses;
import io.xastream.monitoring.control.StatusMetrics;
import io.xastream.monitoring.control.StatusReader;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * The status snapshot for Prometheus (role monitor: configure the scrape job with basic auth), in
 * OpenMetrics when the scraper asks for it, else in the text format. A ledger outage answers 503,
 * so the scrape fails visibly instead of reporting stale sums.
 */
@Path("metrics")
@RequestScoped
public class MetricsResource {

    private static final ExpositionFormatWriter TEXT = PrometheusTextFormatWriter.builder().build();
    private static final ExpositionFormatWriter OPEN_METRICS = OpenMetricsTextFormatWriter.builder().build();

    @Inject
    StatusReader reader;

    @GET
    @Produces({"text/plain", "application/openmetrics-text"})
    public Response metrics(@HeaderParam(HttpHeaders.ACCEPT) String accept) {
        MetricSnapshots metrics = StatusMetrics.of(reader.read());
        ExpositionFormatWriter writer = accept != null && OPEN_METRICS.accepts(accept) ? OPEN_METRICS : TEXT;
        StreamingOutput body = out -> writer.write(out, metrics);
        return Response.ok(body, writer.getContentType()).cacheControl(Responses.noStore()).build();
    }
}
