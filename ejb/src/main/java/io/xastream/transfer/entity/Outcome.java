package io.xastream.transfer.entity;

/** What became of one delivered record. Dead-lettered records have no outcome: nothing of them committed. */
public enum Outcome {
    SETTLED, REJECTED, DUPLICATE
}
