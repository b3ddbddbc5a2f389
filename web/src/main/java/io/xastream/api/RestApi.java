package io.xastream.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The dashboard's REST API lives under /api (documented in /openapi.json); the static pages own the rest of the context. */
@ApplicationPath("api")
public class RestApi extends Application {
}
