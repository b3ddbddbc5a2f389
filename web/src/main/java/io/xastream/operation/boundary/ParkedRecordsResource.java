package io.xastream.operation.boundary;

import io.xastream.api.Responses;
import io.xastream.operation.control.AuditLog;
import io.xastream.operation.control.ParkedRecords;
import io.xastream.operation.entity.ActionResult;
import io.xastream.operation.entity.ParkingQueue;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the dead-letter and rejected queues' resources share: browse (role monitor), replay or discard one
 * message (role operator, with the CSRF token). Every action is audited, including the ones that find nothing
 * or fail. A resource class per queue, so that each path is its own in the generated OpenAPI document, with
 * its own words; the responses they share are named ones in the document's static base (META-INF/openapi.json).
 */
public abstract class ParkedRecordsResource {

    static final int MAX_LIMIT = 500;
    private static final String AUDITED = "Role `operator` and the `X-CSRF-Token` header (from `GET /session`). Every attempt "
            + "is audited in the database table operator_action, also the ones that find nothing, are refused or fail.";
    static final String REPLAY = "Takes the message out of the queue and sends its original body (with its record id) to the "
            + "transfer stream xastream.transfers, where it is processed like a new record; the move and its audit entry are "
            + "one XA transaction. " + AUDITED;
    static final String DISCARD = "Takes the message out of the queue for good; the move and its audit entry are one XA "
            + "transaction. " + AUDITED;
    private static final Logger LOG = Logger.getLogger(ParkedRecordsResource.class.getName());

    @Inject
    ParkedRecords parked;

    @Inject
    AuditLog audit;

    @Context
    SecurityContext security;

    private final ParkingQueue queue;

    ParkedRecordsResource(ParkingQueue queue) {
        this.queue = queue;
    }

    Response browse(int limit) throws JMSException {
        if (limit < 1 || limit > MAX_LIMIT) {
            return Responses.badRequest("limit must be between 1 and " + MAX_LIMIT);
        }
        return Response.ok(parked.browse(queue, limit)).cacheControl(Responses.noStore()).build();
    }

    Response find(String messageId) throws JMSException {
        if (!ParkedRecords.MESSAGE_ID.matcher(messageId).matches()) {
            return Responses.badRequest("not a message id: " + ParkedRecords.MESSAGE_ID.pattern());
        }
        return parked.find(queue, messageId)
                .map(record -> Response.ok(record).cacheControl(Responses.noStore()).build())
                .orElseGet(() -> Responses.notFound("no message " + messageId + " in " + queue.path()));
    }

    Response replayOne(String messageId) {
        return act("replay", messageId, actor -> parked.replay(queue, messageId, actor));
    }

    Response discardOne(String messageId) {
        return act("discard", messageId, actor -> parked.discard(queue, messageId, actor));
    }

    interface Action {
        ActionResult run(String actor) throws JMSException;
    }

    private Response act(String action, String messageId, Action run) {
        String actor = security.getUserPrincipal().getName();
        String target = queue.path() + "/" + messageId;
        if (!ParkedRecords.MESSAGE_ID.matcher(messageId).matches()) {
            ActionResult refused = new ActionResult(action, target, ActionResult.INVALID,
                    "not a message id: " + ParkedRecords.MESSAGE_ID.pattern());
            audit.recordAlone(actor, refused);
            return ActionResponses.of(refused);
        }
        ActionResult result;
        try {
            result = run.run(actor);
        } catch (JMSException | JMSRuntimeException | IllegalStateException | jakarta.transaction.TransactionalException e) {
            LOG.log(Level.WARNING, action + " of " + target + " by " + actor + " failed", e);
            result = new ActionResult(action, target, ActionResult.FAILED, String.valueOf(e));
            audit.recordAlone(actor, result);
        }
        // Otherwise the action wrote its audit entry itself, in its own transaction (also when nothing moved).
        return ActionResponses.of(result);
    }
}
