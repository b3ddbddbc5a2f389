package io.xastream.operation.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** What GET /api/session returns. */
@JsonbPropertyOrder({"user", "operator", "csrfToken"})
public record Session(String user, boolean operator, String csrfToken) {
}
