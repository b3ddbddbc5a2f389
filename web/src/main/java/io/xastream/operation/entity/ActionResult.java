package io.xastream.operation.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * What an operator action did, as the audit log records it.
 *
 * @param outcome {@code done}, {@code not-found} (nothing to act on: another operator or the pipeline
 *                was first), {@code refused} (not safe: the detail says why and what to do instead), {@code denied}
 *                (not the operator role, or no valid CSRF token), {@code invalid} (a value that is not what
 *                the action takes, refused before anything ran) or {@code failed}
 */
@JsonbPropertyOrder({"action", "target", "outcome", "detail"})
public record ActionResult(String action, String target, String outcome, String detail) {

    public static final String DONE = "done";
    public static final String NOT_FOUND = "not-found";
    public static final String REFUSED = "refused";
    public static final String FAILED = "failed";
    public static final String DENIED = "denied";
    public static final String INVALID = "invalid";

    public boolean done() {
        return DONE.equals(outcome);
    }
}
