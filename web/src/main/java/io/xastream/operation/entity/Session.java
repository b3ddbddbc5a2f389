package io.xastream.operation.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * What GET /api/session returns.
 *
 * @param csrfToken             a new token for this user's actions
 * @param csrfTokenLifetimeSeconds how long it works (unless the user logs out first)
 */
@JsonbPropertyOrder({"user", "operator", "csrfToken", "csrfTokenLifetimeSeconds"})
public record Session(String user, boolean operator, String csrfToken, long csrfTokenLifetimeSeconds) {
}
