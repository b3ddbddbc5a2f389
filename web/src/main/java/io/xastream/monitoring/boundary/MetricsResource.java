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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The status snapshot for Prometheus (role monitor: configure the scrape job with basic auth), in
 * OpenMetrics when the scraper asks for it, else in the text format. A ledger outage answers 503,
 * so the scrape fails visibly instead of reporting stale sums.
 */
@Path("metrics")
@RequestScoped
@Tag(name = "monitoring")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class MetricsResource {

    private static final ExpositionFormatWriter TEXT = PrometheusTextFormatWriter.builder().build();
    private static final ExpositionFormatWriter OPEN_METRICS = OpenMetricsTextFormatWriter.builder().build();

    @Inject
    StatusReader reader;

    @GET
    @Produces({"text/plain", "application/openmetrics-text"})
    @Operation(operationId = "metrics", summary = "The snapshot for Prometheus",
            description = "The status snapshot as Prometheus metrics (records by outcome, ledger balances and entries, the "
                + "invariant, Narayana's counters when readable, queue depths), written by the Prometheus Java client's own "
                + "writers: OpenMetrics 1.0 when the `Accept` header asks for `application/openmetrics-text`, else the text "
                + "exposition format, version 0.0.4. Role `monitor`: configure the scrape job with basic auth. A ledger "
                + "outage answers 503, so the scrape fails visibly.")
    @APIResponse(responseCode = "200",
            description = "Metrics, `text/plain; version=0.0.4; charset=utf-8` or `application/openmetrics-text; "
                + "version=1.0.0; charset=utf-8`.",
            content = {@Content(mediaType = "text/plain", schema = @Schema(type = SchemaType.STRING)),
                @Content(mediaType = "application/openmetrics-text", schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "503", ref = "LedgerUnreachable")
    public Response metrics(@HeaderParam(HttpHeaders.ACCEPT) String accept) {
        MetricSnapshots metrics = StatusMetrics.of(reader.read());
        ExpositionFormatWriter writer = accept != null && OPEN_METRICS.accepts(accept) ? OPEN_METRICS : TEXT;
        StreamingOutput body = out -> writer.write(out, metrics);
        return Response.ok(body, writer.getContentType()).cacheControl(Responses.noStore()).build();
    }
}
