package io.xastream.operation.boundary;

import io.xastream.operation.entity.ActionResult;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** One HTTP status per action outcome, for every operator action. */
public final class ActionResponses {

    private ActionResponses() {
    }

    public static Response of(ActionResult result) {
        Response.Status status = switch (result.outcome()) {
            case ActionResult.DONE -> Response.Status.OK;
            case ActionResult.NOT_FOUND -> Response.Status.NOT_FOUND;
            case ActionResult.REFUSED -> Response.Status.CONFLICT;
            case ActionResult.DENIED -> Response.Status.FORBIDDEN;
            case ActionResult.INVALID -> Response.Status.BAD_REQUEST;
            default -> Response.Status.SERVICE_UNAVAILABLE;
        };
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(result).build();
    }
}
