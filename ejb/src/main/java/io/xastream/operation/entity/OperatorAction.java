package io.xastream.operation.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * The audit log of the dashboard: one row per operator action, whatever its outcome. The dashboard
 * (web module) writes it with SQL; this entity only defines the table, in ledger A. A successful
 * action that moves a message writes its row in the same XA transaction as the move, so the log
 * never claims a replay that did not happen, nor misses one that did.
 */
@Entity
@Table(name = "operator_action", indexes = @Index(name = "operator_action_at", columnList = "acted_at"))
public class OperatorAction {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    /** The authenticated user name. */
    @Column(length = 64, nullable = false)
    private String actor;

    /** replay, discard, recovery-scan. */
    @Column(length = 32, nullable = false)
    private String action;

    /** What was acted on: queue and message id, or the recovery manager. */
    @Column(length = 200, nullable = false)
    private String target;

    /** done, not-found, failed. */
    @Column(length = 16, nullable = false)
    private String outcome;

    @Column(length = 500)
    private String detail;

    @Column(name = "acted_at", nullable = false)
    private Instant actedAt;

    protected OperatorAction() {
    }
}
