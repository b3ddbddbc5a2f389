package io.xastream.tools;

import io.xastream.contract.MessageProperties;
import io.xastream.contract.Streams;
import io.xastream.feeder.connection.entity.BrokerEndpoint;
import io.xastream.feeder.transfer.control.TransferGenerator;
import io.xastream.feeder.transfer.control.TransferSender;
import io.xastream.feeder.transfer.entity.GeneratedRecord;
import io.xastream.feeder.transfer.entity.GenerationPlan;
import io.xastream.harness.LedgerEngines;
import io.xastream.harness.ManagementShell;
import io.xastream.harness.WildFlyServer;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** The streams of one benchmark run against a running server: fed, paced and drained, each timed. */
final class BenchLoads {

    private static final Duration SETTLE_LIMIT = Duration.ofMinutes(5);

    private BenchLoads() {
    }

    /**
     * The streams of one run, each after the last in event time, as a stream goes on: one that started
     * again at the first one's event times would arrive late in the windows its predecessors closed,
     * and the aggregate stage would reject it as late. Event times advance as a stream of 1,000
     * records/s would ({@code xastream.bench.event-spacing-ms}, 1): a record a second, the feeder's
     * default, made nearly every record close its account's one-minute window and publish it, a
     * second event per record that a live stream sends about once a minute per account.
     */
    static final class Plans {

        private static final Duration SPACING = Duration.ofMillis(Long.getLong("xastream.bench.event-spacing-ms", 1));
        private final int accounts;
        private Instant next = GenerationPlan.DEFAULT_START;

        Plans(int accounts) {
            this.accounts = accounts;
        }

        GenerationPlan next(String prefix, int count) {
            GenerationPlan plan = GenerationPlan.of(count, accounts, prefix.hashCode()).withIdPrefix(prefix)
                    .withInvalidShare(0).withStartTime(next).withEventSpacing(SPACING);
            next = plan.eventTime(count + 1L);
            return plan;
        }
    }

    /** A stream paced at {@code rate} records/s for about 20 s (at most {@code records} records). */
    static BenchResult paced(String mode, int consumers, String load, String prefix, double rate, int records,
                                Plans plans, BrokerEndpoint broker, Settled settled) throws Exception {
        BenchResult result = measure(mode, consumers, load, broker, settled,
                plans.next(prefix, (int) Math.min(records, rate * 20)), 1, rate);
        Bench.say(result.measured());
        return result;
    }

    static BenchResult measure(String mode, int consumers, String load, BrokerEndpoint broker, Settled settled,
                                  GenerationPlan plan, int batch, double rate) throws Exception {
        Map<String, Long> committedAt = stream(broker, settled, plan, batch, rate);
        long first = committedAt.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        long last = 0;
        double[] latencies = new double[committedAt.size()];
        int i = 0;
        for (Map.Entry<String, Long> sent : committedAt.entrySet()) {
            long arrived = settled.arrivals.get(sent.getKey());
            last = Math.max(last, arrived);
            latencies[i++] = (arrived - sent.getValue()) / 1e6;
        }
        Arrays.sort(latencies);
        double seconds = (last - first) / 1e9;
        return new BenchResult(mode, consumers, load, Bench.WARM_UP, committedAt.size(), committedAt.size() / seconds,
                BenchResult.percentile(latencies, 50), BenchResult.percentile(latencies, 95), BenchResult.percentile(latencies, 99), LocalDate.now());
    }

    private static final int WARM_UP_ROUND = Integer.getInteger("xastream.bench.warm-up.round", 4000);
    private static final double WARM_JIT_SHARE = Double.parseDouble(System.getProperty("xastream.bench.warm-up.jit-share", "0.2"));
    private static final Duration WARM_UP_LIMIT = Duration.ofSeconds(Long.getLong("xastream.bench.warm-up.seconds", 120));

    /**
     * Streams records until the server is warm, and returns how many. A fixed warm-up is not enough:
     * WildFly's JIT compilers were still at work long after 3000 records, and in the drain after it
     * they used 0.37 of the server's 0.60 ms of CPU per record (2026-12-07), so the figures measured
     * compilation more than the pipeline. So after the first {@link Bench#WARM_UP} records, rounds
     * follow until the JIT compiler threads used at most a share of the server's CPU in one round
     * ({@link ThreadCpu}) and the server's CPU per record fell by less than a tenth from the round
     * before, or for a time limit at most (a slow mode would otherwise stream for many
     * minutes: the compilers' work goes on for minutes of a fresh WildFly); where threads cannot be
     * read, the first records only. The drain prints what the compilers still used.
     */
    static int warmUp(BrokerEndpoint broker, Settled settled, Plans plans, Path dataDir) throws Exception {
        stream(broker, settled, plans.next("warm-", Bench.WARM_UP), 100, 0);
        int streamed = Bench.WARM_UP;
        OptionalLong server = ProcessCpu.of(dataDir).busiest("WildFly");
        long deadline = System.nanoTime() + WARM_UP_LIMIT.toNanos();
        double previous = Double.MAX_VALUE;
        for (int round = 1; server.isPresent() && System.nanoTime() < deadline; round++) {
            ThreadCpu before = ThreadCpu.of(server.getAsLong());
            stream(broker, settled, plans.next("warm-" + round + "-", WARM_UP_ROUND), 100, 0);
            streamed += WARM_UP_ROUND;
            Map<String, Double> used = ThreadCpu.of(server.getAsLong()).minus(before).perRecord(WARM_UP_ROUND);
            double all = used.values().stream().mapToDouble(Double::doubleValue).sum();
            double jit = used.getOrDefault(ThreadCpu.JIT, 0.0);
            if (all <= 0) {
                break; // no threads read: nothing to wait for
            }
            Bench.say(String.format("warm-up round %d: %d records, the JIT compilers used %.0f %% of the server's %.2f ms of CPU per record",
                    round, streamed, 100 * jit / all, all));
            // Warm: the compilers are down to their share, and what a record costs no longer falls
            // (per record, compiled code mattered more than the compilers' share showed: 3.9 ms of CPU
            // per record at a share of 19 %, 2.8 ms one round later).
            if (jit <= WARM_JIT_SHARE * all && all >= 0.9 * previous) {
                break;
            }
            previous = all;
        }
        return streamed;
    }

    /** Sends the plan (paced when rate > 0) and waits until each record's settled event arrived. */
    static Map<String, Long> stream(BrokerEndpoint broker, Settled settled, GenerationPlan plan, int batch,
                                            double rate) throws Exception {
        Map<String, Long> committedAt = send(broker, plan, batch, rate);
        settled.await(committedAt.keySet());
        return committedAt;
    }

    /**
     * The yardstick's way: the plan is sent while the input queue is paused, then the queue is resumed
     * and the drain timed, from the resume until every record has its outcome in ledger A. Nothing but
     * the pipeline runs meanwhile: no feeder, and the settled events stay on their queue until the
     * drain is over (then they are collected and checked, one per record). Latencies are not measured:
     * over a backlog they would be queueing.
     */
    static BenchResult drain(String mode, int consumers, WildFlyServer server, LedgerEngines engines,
                                BrokerEndpoint broker, Settled settled, GenerationPlan plan) throws Exception {
        String queue = "/subsystem=messaging-activemq/server=default/jms-queue=" + Streams.TRANSFERS;
        Map<String, Long> committed;
        long resumed;
        long drained;
        ProcessCpu atResume;
        ProcessCpu used;
        OptionalLong serverPid;
        ThreadCpu serverThreadsAtResume;
        ThreadCpu serverThreads;
        settled.hold();
        try (ManagementShell management = server.management();
             java.sql.Connection connection = engines.ledgerA().open();
             // The poll runs every 20 ms on the database under test, so it must cost next to nothing:
             // a range of the primary key (outcome ids come from an identity column, so every outcome
             // written after the resume has a higher id than any before it), not a scan of every
             // outcome of the run, which took PostgreSQL about 2 ms a poll, a tenth of a core.
             PreparedStatement outcomes = connection.prepareStatement(
                     "SELECT COUNT(*) FROM record_outcome WHERE id > ? AND record_id LIKE ?")) {
            long before;
            try (Statement highest = connection.createStatement();
                 ResultSet id = highest.executeQuery("SELECT COALESCE(MAX(id), 0) FROM record_outcome")) {
                id.next();
                before = id.getLong(1);
            }
            management.run(queue + ":pause");
            try {
                committed = send(broker, plan, 100, 0);
            } finally {
                resumed = System.nanoTime();
                management.run(queue + ":resume");
            }
            outcomes.setLong(1, before);
            outcomes.setString(2, plan.idPrefix() + "%");
            atResume = ProcessCpu.of(engines.dataDir());
            serverPid = atResume.busiest("WildFly");
            serverThreadsAtResume = serverPid.isPresent() ? ThreadCpu.of(serverPid.getAsLong()) : new ThreadCpu(Map.of());
            long deadline = resumed + SETTLE_LIMIT.toNanos();
            while (true) {
                try (ResultSet count = outcomes.executeQuery()) {
                    count.next();
                    drained = System.nanoTime();
                    if (count.getLong(1) >= committed.size()) {
                        used = ProcessCpu.of(engines.dataDir()).minus(atResume);
                        serverThreads = serverPid.isPresent()
                                ? ThreadCpu.of(serverPid.getAsLong()).minus(serverThreadsAtResume) : new ThreadCpu(Map.of());
                        break;
                    }
                }
                if (drained > deadline) {
                    throw new IllegalStateException("the backlog was not drained within " + SETTLE_LIMIT);
                }
                Thread.sleep(20);
            }
            // How full the epochs were: a transaction's fixed cost (enlisting, two phases) is shared by its records.
            try (PreparedStatement transactions = connection.prepareStatement(
                    "SELECT COUNT(DISTINCT transaction_id) FROM record_outcome WHERE record_id LIKE ?")) {
                transactions.setString(1, plan.idPrefix() + "%");
                try (ResultSet count = transactions.executeQuery()) {
                    count.next();
                    long n = count.getLong(1);
                    Bench.say(String.format("drain: %d records in %d transactions, %.1f records per transaction",
                            committed.size(), n, committed.size() / (double) Math.max(1, n)));
                }
            }
        } finally {
            settled.release();
        }
        used.perRecord(committed.size())
                .forEach((process, millis) -> Bench.say(String.format("drain: %.2f ms of CPU per record in %s", millis, process)));
        serverThreads.perRecord(committed.size())
                .forEach((kind, millis) -> Bench.say(String.format("drain: %.3f ms of CPU per record in WildFly's %s", millis, kind)));
        settled.await(committed.keySet());
        BenchResult result = new BenchResult(mode, consumers, BenchResult.PRE_FILLED, Bench.WARM_UP, committed.size(),
                committed.size() / ((drained - resumed) / 1e9), Double.NaN, Double.NaN, Double.NaN, LocalDate.now());
        Bench.say(result.measured());
        return result;
    }

    /** Sends the plan (paced when rate > 0), committing every batch; when each record was committed. */
    private static Map<String, Long> send(BrokerEndpoint broker, GenerationPlan plan, int batch, double rate) throws Exception {
        Map<String, Long> committedAt = new LinkedHashMap<>();
        List<String> pending = new ArrayList<>();
        long started = System.nanoTime();
        int n = 0;
        try (TransferSender sender = new TransferSender(broker, Streams.TRANSFERS, Integer.MAX_VALUE)) {
            for (GeneratedRecord record : new TransferGenerator(plan)) {
                if (rate > 0) {
                    long due = started + (long) (n / rate * 1e9);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                sender.send(record.json(), record.recordId());
                pending.add(record.recordId());
                n++;
                if (pending.size() >= batch) {
                    commit(sender, pending, committedAt);
                }
            }
            commit(sender, pending, committedAt);
        }
        return committedAt;
    }

    private static void commit(TransferSender sender, List<String> pending, Map<String, Long> committedAt) throws JMSException {
        sender.commit();
        long now = System.nanoTime();
        pending.forEach(id -> committedAt.put(id, now));
        pending.clear();
    }

    /** Notes when each settled event arrives, by record id. */
    static final class Settled implements AutoCloseable {

        final Map<String, Long> arrivals = new ConcurrentHashMap<>();
        private final Connection connection;

        Settled(BrokerEndpoint broker) throws JMSException {
            connection = broker.connectionFactory().createConnection();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(Streams.SETTLED));
            consumer.setMessageListener(message -> {
                long now = System.nanoTime();
                try {
                    arrivals.putIfAbsent(message.getStringProperty(MessageProperties.RECORD_ID), now);
                } catch (JMSException e) {
                    throw new IllegalStateException(e);
                }
            });
            connection.start();
        }

        /** Leaves the settled events on their queue, as the yardstick does while it measures. */
        void hold() throws JMSException {
            connection.stop();
        }

        void release() throws JMSException {
            connection.start();
        }

        /** Until each record's settled event has arrived. */
        void await(Collection<String> ids) throws InterruptedException {
            long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
            while (!arrivals.keySet().containsAll(ids)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not every record settled within " + SETTLE_LIMIT);
                }
                Thread.sleep(50);
            }
        }

        @Override
        public void close() throws JMSException {
            connection.close();
        }
    }
}
