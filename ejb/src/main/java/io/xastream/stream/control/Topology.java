package io.xastream.stream.control;

import jakarta.jms.Destination;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The stages of this server as a graph: a link runs from a stage to every stage whose input it may
 * emit to. A linked stage that is chained ({@link StageSettings#chained()}) is handed those records
 * in the emitting stage's transaction instead of reading them from its queue, as Flink chains
 * operators: one receive and one two-phase commit for the whole chain instead of one per stage.
 * A link that would close a cycle is never chained, nor one from a stage that is off on this server
 * (its successor then reads its own queue with all its consumers).
 */
public final class Topology {

    private final List<Stage> stages;
    private final Map<Stage, Integer> rank = new HashMap<>();
    private final Map<Destination, Stage> chainedByInput = new HashMap<>();
    private final Map<Stage, Stage> feeder = new HashMap<>();

    /**
     * @param settings each stage's settings
     * @param inputOf  each stage's input destination (a JNDI lookup on the server)
     */
    public Topology(List<Stage> stages, Function<Stage, StageSettings> settings, Function<Stage, Destination> inputOf) {
        this.stages = List.copyOf(stages);
        Map<Destination, Stage> byInput = new HashMap<>();
        for (Stage stage : stages) {
            byInput.put(inputOf.apply(stage), stage);
        }
        // Ranks by longest path from a stage nobody feeds; a link to an equal or lower rank closes a cycle.
        for (Stage stage : stages) {
            rank(stage, byInput, new ArrayList<>());
        }
        for (Stage from : stages) {
            for (Destination output : from.outputs()) {
                Stage to = byInput.get(output);
                if (to != null && to != from && rank.get(to) > rank.get(from) && settings.apply(to).chained()
                        && settings.apply(from).mode() != StageSettings.Mode.OFF) {
                    chainedByInput.put(output, to);
                    feeder.putIfAbsent(to, from);
                }
            }
        }
    }

    private int rank(Stage stage, Map<Destination, Stage> byInput, List<Stage> path) {
        Integer known = rank.get(stage);
        if (known != null) {
            return known;
        }
        path.add(stage);
        int r = 0;
        for (Stage from : stages) {
            if (!path.contains(from) && from.outputs().stream().anyMatch(out -> byInput.get(out) == stage)) {
                r = Math.max(r, rank(from, byInput, path) + 1);
            }
        }
        path.remove(path.size() - 1);
        rank.put(stage, r);
        return r;
    }

    /** The stage that takes records emitted to this destination in the same transaction, or null: send them. */
    public Stage chainedAt(Destination destination) {
        return chainedByInput.get(destination);
    }

    /** The stage whose transaction a chained stage runs in, or null when it reads only its own queue. */
    public Stage feederOf(Stage stage) {
        return feeder.get(stage);
    }

    /** Upstream before downstream: the order in which a chain's stages take their records. */
    public Comparator<Stage> order() {
        return Comparator.comparingInt(rank::get);
    }

    /** One line per stage, for the log: {@code validate -> apply (chained) -> aggregate (chained)}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        stages.stream().sorted(order()).forEach(stage -> {
            Stage from = feederOf(stage);
            parts.add(stage.name() + (from == null ? " (own queue)" : " (chained after " + from.name() + ")"));
        });
        return String.join(", ", parts);
    }
}
