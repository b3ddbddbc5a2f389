package io.xastream.api;

import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/** What every resource answers alike: errors as JSON with one field, {@code error}, saying what to change; no caching. */
public final class Responses {

    private Responses() {
    }

    public static Response badRequest(String message) {
        return error(Response.Status.BAD_REQUEST, message);
    }

    public static Response notFound(String message) {
        return error(Response.Status.NOT_FOUND, message);
    }

    public static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
    }

    /** Queues and logs change all the time: no cache may answer for them. */
    public static CacheControl noStore() {
        CacheControl cacheControl = new CacheControl();
        cacheControl.setNoStore(true);
        cacheControl.setNoCache(true);
        return cacheControl;
    }
}
