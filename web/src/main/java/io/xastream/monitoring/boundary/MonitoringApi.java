package io.xastream.monitoring.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The dashboard's REST API lives under /api; the static page owns the rest of the context. */
@ApplicationPath("api")
public class MonitoringApi extends Application {
}
