package io.xastream.stream.control;

import io.xastream.transaction.control.CurrentTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many records each stage has handled on this server since it started, counted when their
 * transaction commits: the per-stage figure the dashboard shows whether a stage reads its own queue
 * or runs chained (where its queue sees nothing).
 */
@ApplicationScoped
public class StageCounters {

    @Inject
    CurrentTransaction transaction;

    private final Map<String, LongAdder> handled = new ConcurrentHashMap<>();

    /** Adds the records to the stage's count if, and when, the running transaction commits. */
    public void countOnCommit(String stage, int records) {
        LongAdder counter = handled.computeIfAbsent(stage, name -> new LongAdder());
        transaction.onCommit(() -> counter.add(records));
    }

    public long handled(String stage) {
        LongAdder counter = handled.get(stage);
        return counter == null ? 0 : counter.sum();
    }
}
