package io.xastream.tools;

import io.xastream.contract.Streams;
import io.xastream.feeder.connection.control.Endpoints;
import io.xastream.feeder.connection.entity.LedgerConnections;
import io.xastream.feeder.ledger.control.AccountSeeder;
import io.xastream.feeder.ledger.control.Verifier;
import io.xastream.feeder.transfer.control.QueueInspector;
import io.xastream.feeder.transfer.control.TransferFeed;
import io.xastream.feeder.transfer.control.TransferGenerator;
import io.xastream.feeder.transfer.control.TransferSender;
import io.xastream.feeder.transfer.entity.FeedSummary;
import io.xastream.feeder.transfer.entity.GeneratedRecord;
import io.xastream.feeder.transfer.entity.GenerationPlan;
import io.xastream.harness.LedgerConnection;
import io.xastream.harness.LedgerEngines;
import io.xastream.harness.ManagementShell;
import io.xastream.harness.PreparedBranches;
import io.xastream.harness.ServerRecovery;
import io.xastream.harness.WildFlyServer;
import io.xastream.invariant.control.LedgerInvariant;
import io.xastream.invariant.entity.Verification;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The random kill -9 soak: queues a stream of transfers, then kills WildFly, and if asked each
 * ledger's database engine, with SIGKILL at random moments while the server works through them,
 * restarting what it killed each time. After every recovery the books must
 * balance, what the crash left in doubt must be resolved and the settled stream (taken off its
 * queue after each crash) must hold no record twice; at the end every record must be accounted for
 * exactly once, in the ledgers and on the settled stream, and each paying account's debits booked
 * in the order their records were sent. A command (./mvnw -Psoak package), not a test; a short run is part of
 * the integration tests.
 */
public final class Soak {

    /** How long recovery may take to resolve what one crash left in doubt (boot included). */
    static final Duration RECOVERY_LIMIT = Duration.ofSeconds(60);
    /** Every soak record's id starts with it, so the settled stream's tally can tell them from other work. */
    private static final String ID_PREFIX = "soak-";
    /** The most a kill lags the share's progress it waited for: about one epoch's commit on this machine. */
    private static final int KILL_LAG_MAX_MS = 150;

    /**
     * {@code ledgerKills}: SIGKILLs of each ledger's database engine (embedded: restarted on the same
     * data; configured: {@code xastream.ledgerA.kill-command}, {@code xastream.ledgerB.kill-command}).
     * {@code consumers}: MDB sessions of the soaked server. Fewer than in production keep the stream
     * running through all the kills instead of finishing after the first few.
     */
    public record Settings(Path dir, Path wildflyHome, Path ear, int records, int crashes, int ledgerKills, long seed,
                           Duration maxGap, int portOffset, int consumers) {
    }

    /** One cycle's part of the stream: its records' id prefix and how many were sent. */
    private record Share(String idPrefix, long sent) {
    }

    /**
     * What a cycle kills with SIGKILL: the server (after its share was queued, or while the feeder
     * sends it), or one ledger's database engine while the server runs on.
     */
    enum Fault {
        WILDFLY("WildFly"), WILDFLY_WHILE_FEEDING("WildFly, while the feeder sent,"), LEDGER_A("PostgreSQL"), LEDGER_B("MariaDB");

        private final String engine;

        Fault(String engine) {
            this.engine = engine;
        }

        boolean killsServer() {
            return this == WILDFLY || this == WILDFLY_WHILE_FEEDING;
        }
    }

    /**
     * @param crashes     kills of the WildFly JVM
     * @param whileFeeding of those, kills while the feeder was sending the cycle's share
     * @param ledgerKills kills of the two databases together
     * @param serverRecoveries after each restart, how long after answering the server itself found nothing
     *                    left in doubt from earlier runs (its recovery view), when it got there before the next kill
     * @param cycles      each cycle from queueing its share until its checks were done
     */
    public record Report(int crashes, int whileFeeding, int ledgerKills, long records, List<String> violations, List<Duration> recoveries,
                         List<Duration> boots, List<Duration> serverRecoveries, List<Duration> cycles) {
        public boolean passed() {
            return violations.isEmpty();
        }

        public Duration worstRecovery() {
            return recoveries.stream().max(Duration::compareTo).orElse(Duration.ZERO);
        }

        /** The q-quantile (0..1) of the times, nearest rank; zero for none. */
        static Duration quantile(List<Duration> times, double q) {
            if (times.isEmpty()) {
                return Duration.ZERO;
            }
            List<Duration> sorted = times.stream().sorted().toList();
            return sorted.get(Math.max(0, (int) Math.ceil(q * sorted.size()) - 1));
        }

        /** Recovery after a kill, WildFly's boot with the EAR, the server's own recovery: p50, p99 and max, in seconds. */
        public String timings() {
            return String.format(Locale.ROOT, "recovery after a kill p50 %.1f s, p99 %.1f s, max %.1f s; "
                            + "WildFly boot with the EAR until it answers p50 %.1f s, max %.1f s; "
                            + "after a restart, everything in doubt resolved (the server's own view, all four resources) "
                            + "p50 %.1f s, p99 %.1f s, max %.1f s after it answered (%d of %d restarts got there before the next kill); "
                            + "a cycle (share queued, kill, recovery, checks) p50 %.1f s, max %.1f s",
                    seconds(quantile(recoveries, 0.5)), seconds(quantile(recoveries, 0.99)), seconds(quantile(recoveries, 1)),
                    seconds(quantile(boots, 0.5)), seconds(quantile(boots, 1)),
                    seconds(quantile(serverRecoveries, 0.5)), seconds(quantile(serverRecoveries, 0.99)),
                    seconds(quantile(serverRecoveries, 1)), serverRecoveries.size(), boots.size(),
                    seconds(quantile(cycles, 0.5)), seconds(quantile(cycles, 1)));
        }

        private static double seconds(Duration duration) {
            return duration.toMillis() / 1000.0;
        }

        public String describe() {
            return String.format("crashes survived: %d (%d while the feeder sent), database kills survived: %d, records: %d, "
                            + "violations: %d%s, worst recovery after restart: %.1f s",
                    crashes, whileFeeding, ledgerKills, records, violations.size(), violations.isEmpty() ? "" : " " + violations,
                    worstRecovery().toMillis() / 1000.0);
        }
    }

    private Soak() {
    }

    public static Report run(Settings settings, LedgerEngines engines, Consumer<String> log) throws Exception {
        LedgerConnection a = engines.ledgerA();
        LedgerConnection b = engines.ledgerB();
        LedgerConnections ledgers = engines.forFeeder();
        LedgerInvariant verifier = Verifier.of(ledgers, null);
        List<String> violations = new ArrayList<>();
        List<Duration> recoveries = new ArrayList<>();
        List<Duration> boots = new ArrayList<>();
        List<Duration> serverRecoveries = new ArrayList<>();
        List<Duration> cycles = new ArrayList<>();
        Random random = new Random(settings.seed());

        Map<String, String> properties = new LinkedHashMap<>(engines.serverProperties());
        properties.put("xastream.transfers.consumers", String.valueOf(settings.consumers()));
        WildFlyServer server = WildFlyServer.start(settings.wildflyHome(), settings.dir().resolve("server"),
                settings.ear(), settings.portOffset(), properties);
        try {
            server.awaitApplication(Duration.ofMinutes(3));
            if (server.archivingClasses()) {
                // The first boot of this server build: one clean stop writes the class archive that
                // every boot after a kill then maps (WildFlyServer.CLASS_ARCHIVE), a fifth faster.
                server.close();
                server = server.restart(properties);
                server.awaitApplication(Duration.ofMinutes(3));
            }
            log.accept(new AccountSeeder(ledgers).seed(50, new BigDecimal("100000.00")).describe());
            // The ledgers may hold earlier work (your databases, other tests): the soak answers for
            // what it adds, so counts are taken relative to this reading.
            Verification before = verifier.verify(OptionalLong.empty());
            // Downstream counted too: every output message is taken off its queue and its record id tallied.
            Downstream downstream = new Downstream();
            // Every record id in the order it was sent, for the per-key order of the books at the end.
            KeyOrder order = new KeyOrder();
            List<Fault> faults = schedule(settings, random);
            int shares = Math.max(1, faults.size());
            long sent = 0;

            int crashes = 0;
            int whileFeeding = 0;
            int ledgerKills = 0;
            int cycle = 0;
            for (Fault fault : faults) {
                long cycleStarted = System.nanoTime();
                GenerationPlan plan = plan(settings, cycle, shares, sent);
                new TransferGenerator(plan).forEach(record -> order.sent(record.recordId()));
                Share share;
                long gap;
                ResumableFeed feeding = null;
                if (fault == Fault.WILDFLY_WHILE_FEEDING) {
                    List<GeneratedRecord> records = new ArrayList<>();
                    new TransferGenerator(plan).forEach(records::add);
                    feeding = ResumableFeed.start(Endpoints.broker(null, server.httpPort(), null, null), records);
                    share = new Share(plan.idPrefix(), records.size());
                    gap = feeding.awaitConfirmed(random.nextDouble(), settings.maxGap());
                } else {
                    share = feed(server, plan, cycle, shares, log);
                    gap = awaitProgress(a, share, random.nextDouble(), settings.maxGap());
                }
                sent += share.sent();
                if (feeding == null) {
                    // A count is seen right after a commit; a random lag of up to an epoch's time spreads
                    // the kills over the work (inside epochs, between prepare and commit) instead.
                    long lag = random.nextInt(KILL_LAG_MAX_MS + 1);
                    Thread.sleep(lag);
                    gap += lag;
                }
                cycle++;
                long killed = System.nanoTime();
                PreparedBranches left;
                long restarted;
                if (fault.killsServer()) {
                    if (!boots.isEmpty()) {
                        serverRecovery(server).ifPresent(serverRecoveries::add);
                    }
                    server.kill();
                    crashes++;
                    whileFeeding += fault == Fault.WILDFLY_WHILE_FEEDING ? 1 : 0;
                    left = PreparedBranches.read(server.baseDir(), a, b);
                    restarted = System.nanoTime();
                    server = server.restart(properties);
                    server.awaitApplication(Duration.ofMinutes(3));
                    boots.add(Duration.ofNanos(System.nanoTime() - restarted));
                } else {
                    // The server runs on: its transactions on the killed engine fail or wait for recovery.
                    restarted = System.nanoTime();
                    if (fault == Fault.LEDGER_A) {
                        engines.killLedgerA();
                    } else {
                        engines.killLedgerB();
                    }
                    ledgerKills++;
                    left = PreparedBranches.read(server.baseDir(), a, b);
                }
                Duration recovery = awaitResolved(server, left, a, b, restarted);
                if (recovery == null) {
                    violations.add("cycle " + cycle + " (" + fault.engine + " killed): still in doubt after " + RECOVERY_LIMIT
                            + " (" + left + " after the kill)");
                } else {
                    recoveries.add(recovery);
                }
                if (feeding != null) {
                    log.accept("share " + cycle + " of " + shares + ": " + feeding.awaitSent(RECOVERY_LIMIT));
                }
                long resolvedAt = System.nanoTime();
                Verification books = settledBooks(a, verifier, before.accountedFor() + sent);
                long checkedAt = System.nanoTime();
                if (!books.holds()) {
                    violations.add("cycle " + cycle + " (" + fault.engine + " killed): " + books.verdict());
                } else if (books.accountedFor() != before.accountedFor() + sent) {
                    violations.add("cycle " + cycle + " (" + fault.engine + " killed): " + (books.accountedFor() - before.accountedFor())
                            + " records accounted for, " + sent + " sent");
                }
                long repeatedBefore = downstream.repeats();
                downstream.drain(server, Duration.ofMillis(300));
                if (downstream.repeats() > repeatedBefore) {
                    violations.add("cycle " + cycle + " (" + fault.engine + " killed): an output stream repeated records: "
                            + downstream.describe());
                }
                long cycleEnded = System.nanoTime();
                cycles.add(Duration.ofNanos(cycleEnded - cycleStarted));
                log.accept(String.format(Locale.ROOT, "cycle %d, %s killed %d ms after its share was queued: left %s; resolved %.1f s after the kill; "
                                + "%d of %d records accounted for; %s; settled stream so far: %s; cycle %.1f s (%.1f until the kill, "
                                + "%.1f from the kill until checked: %.1f until resolved, %.1f the stream and the books, %.1f the settled stream)",
                        cycle, fault.engine, gap, left, recovery == null ? -1 : recovery.toMillis() / 1000.0,
                        books.accountedFor() - before.accountedFor(), sent, books.verdict(), downstream.settled.describe(),
                        (cycleEnded - cycleStarted) / 1e9, (killed - cycleStarted) / 1e9, (cycleEnded - killed) / 1e9,
                        (resolvedAt - killed) / 1e9, (checkedAt - resolvedAt) / 1e9, (cycleEnded - checkedAt) / 1e9));
            }
            if (faults.isEmpty()) {
                GenerationPlan plan = plan(settings, 0, shares, 0);
                new TransferGenerator(plan).forEach(record -> order.sent(record.recordId()));
                sent += feed(server, plan, 0, shares, log).sent();
            }
            OptionalLong accountedAtEnd = OptionalLong.of(before.accountedFor() + sent);

            Verification end;
            try (QueueInspector deadLetters = new QueueInspector(Endpoints.downstream(null, server.httpPort(), null, null))) {
                end = Verifier.of(ledgers, () -> deadLetters.browseCount(Streams.DEADLETTER))
                        .awaitHolds(accountedAtEnd, Duration.ofMinutes(5), reading -> { });
            }
            log.accept(end.report());
            if (!end.holds()) {
                violations.add("at the end: " + end.verdict());
            }
            long duplicates = end.outcomes().duplicates() - before.outcomes().duplicates();
            if (duplicates > 0) {
                violations.add("at the end: " + duplicates + " records applied twice (duplicate outcomes)");
            }
            long settled = end.outcomes().settled() - before.outcomes().settled();
            awaitSettledStream(server, downstream, settled);
            log.accept(downstream.describe() + "; " + settled + " records settled in the ledgers");
            if (downstream.repeats() > 0) {
                violations.add("at the end: an output stream repeated records: " + downstream.describe());
            }
            if (downstream.settled.distinctWithPrefix(ID_PREFIX) != settled) {
                violations.add("at the end: " + downstream.settled.distinctWithPrefix(ID_PREFIX) + " records on the settled stream, "
                        + settled + " settled in the ledgers");
            }
            Map<String, List<String>> debits = new LinkedHashMap<>(KeyOrder.debits(a, ID_PREFIX));
            debits.putAll(KeyOrder.debits(b, ID_PREFIX));
            List<String> overtaken = order.violations(debits);
            log.accept("per-key order: " + debits.size() + " paying accounts, " + debits.values().stream().mapToInt(List::size).sum()
                    + " debits, " + (overtaken.isEmpty() ? "each account's in the order sent" : overtaken.size() + " accounts out of order"));
            if (!overtaken.isEmpty()) {
                violations.add("at the end: a record booked after a later one of its account (" + overtaken.size() + " accounts): "
                        + overtaken.subList(0, Math.min(3, overtaken.size())));
            }
            String finalState = awaitNoneInDoubt(server, a, b, RECOVERY_LIMIT);
            if (finalState != null) {
                violations.add("at the end: still in doubt after " + RECOVERY_LIMIT + ": " + finalState);
            }
            if (!boots.isEmpty()) {
                serverRecovery(server).ifPresent(serverRecoveries::add);
            }
            return new Report(crashes, whileFeeding, ledgerKills, sent, violations, recoveries, boots, serverRecoveries, cycles);
        } finally {
            server.close();
        }
    }

    /**
     * Queues the cycle's share of the stream, right before its random gap: so kills land while the
     * server works through records at any speed (a stream queued whole at the start was all done
     * before the first kill when epochs run at a few thousand records a second). Each share is sent
     * and committed while nothing is killed, so every record is sent exactly once and any duplicate
     * outcome is the pipeline's fault; the broker's journal keeps what is queued through every kill.
     * Event times go on from one share to the next, as in one stream.
     */
    private static Share feed(WildFlyServer server, GenerationPlan plan, int share, int shares, Consumer<String> log)
            throws Exception {
        FeedSummary fed;
        try (TransferSender sender = new TransferSender(Endpoints.broker(null, server.httpPort(), null, null))) {
            fed = new TransferFeed(0).run(new TransferGenerator(plan), sender, null);
        }
        log.accept("share " + (share + 1) + " of " + shares + ": " + fed.describe().strip().replace('\n', ';'));
        return new Share(plan.idPrefix(), fed.sent());
    }

    /** The cycle's share of the stream: its records, id prefix and event times. */
    private static GenerationPlan plan(Settings settings, int share, int shares, long sentBefore) {
        int count = settings.records() / shares + (share < settings.records() % shares ? 1 : 0);
        GenerationPlan plan = GenerationPlan.of(count, 50, settings.seed() + share).withIdPrefix(ID_PREFIX + share + "-");
        return plan.withStartTime(plan.eventTime(sentBefore + 1));
    }

    /**
     * Waits for the kill's moment: until the given fraction of the share's records has an outcome in
     * ledger A, or {@code limit} has passed. So a kill lands at a random point of the work whatever
     * the pipeline's speed: before a record of the share was taken (often while recovery of the last
     * kill still runs), inside epochs, between prepare and commit. Returns the wait in milliseconds.
     */
    private static long awaitProgress(LedgerConnection ledgerA, Share share, double fraction, Duration limit) throws Exception {
        long target = (long) (fraction * share.sent());
        long start = System.nanoTime();
        try (Connection connection = ledgerA.open();
             PreparedStatement outcomes = connection.prepareStatement(
                     "SELECT COUNT(*) FROM record_outcome WHERE record_id LIKE ?")) {
            outcomes.setString(1, share.idPrefix() + "%");
            while (System.nanoTime() - start < limit.toNanos()) {
                try (ResultSet count = outcomes.executeQuery()) {
                    count.next();
                    if (count.getLong(1) >= target) {
                        break;
                    }
                }
                Thread.sleep(10);
            }
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** How long after answering the server's own recovery view found nothing left from earlier runs; empty if not yet. */
    private static Optional<Duration> serverRecovery(WildFlyServer server) {
        try {
            ServerRecovery recovery = ServerRecovery.read(server);
            return recovery.finished() ? Optional.of(Duration.ofMillis(Math.round(recovery.finishedAfterSeconds() * 1000)))
                    : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The kills in a random order: the server's (a quarter of them, rounded up, while the feeder
     * sends) and each database's {@code ledgerKills}.
     */
    static List<Fault> schedule(Settings settings, Random random) {
        List<Fault> faults = new ArrayList<>();
        int whileFeeding = (settings.crashes() + 3) / 4;
        for (int i = 0; i < settings.crashes(); i++) {
            faults.add(i < whileFeeding ? Fault.WILDFLY_WHILE_FEEDING : Fault.WILDFLY);
        }
        for (int i = 0; i < settings.ledgerKills(); i++) {
            faults.add(Fault.LEDGER_A);
            faults.add(Fault.LEDGER_B);
        }
        Collections.shuffle(faults, random);
        return faults;
    }

    /**
     * The rest of the settled stream, until it holds as many of the soak's records as the ledgers
     * settled (a commit's second phase may reach the broker a moment after the databases) or 30 s pass.
     */
    private static void awaitSettledStream(WildFlyServer server, Downstream downstream, long settled) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        do {
            downstream.drain(server, Duration.ofSeconds(1));
        } while (downstream.settled.distinctWithPrefix(ID_PREFIX) < settled && System.nanoTime() < deadline);
    }

    private static Duration awaitResolved(WildFlyServer server, PreparedBranches left, LedgerConnection a,
                                          LedgerConnection b, long since) throws Exception {
        while (System.nanoTime() - since < RECOVERY_LIMIT.toNanos()) {
            if (PreparedBranches.read(server.baseDir(), a, b).resolvedSince(left)) {
                return Duration.ofNanos(System.nanoTime() - since);
            }
            Thread.sleep(100);
        }
        return null;
    }

    /**
     * Waits until nothing is in doubt anywhere: the log store, both databases and the broker's
     * prepared transactions. Null once that holds, else what was still in doubt at the limit.
     */
    private static String awaitNoneInDoubt(WildFlyServer server, LedgerConnection a, LedgerConnection b,
                                           Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        try (ManagementShell management = server.management()) {
            while (true) {
                PreparedBranches branches = PreparedBranches.read(server.baseDir(), a, b);
                int broker = brokerPrepared(management);
                if (branches.none() && broker == 0) {
                    return null;
                }
                if (System.nanoTime() > deadline) {
                    return branches + ", Artemis " + broker;
                }
                Thread.sleep(500);
            }
        }
    }

    /** The broker's prepared transactions (its own branches of transactions the coordinator decides). */
    private static int brokerPrepared(ManagementShell management) throws IOException {
        String result = management.run("/subsystem=messaging-activemq/server=default:list-prepared-transactions");
        int list = result.indexOf("\"result\" => [");
        if (list < 0) {
            return 0;
        }
        return (int) result.substring(list + "\"result\" => [".length()).lines()
                .takeWhile(line -> !line.strip().startsWith("]"))
                .filter(line -> line.strip().startsWith("\""))
                .count();
    }

    /**
     * The books once every record sent so far has its outcome: the pipeline is then quiet by itself
     * (the feeder sends a cycle's share before the kill, and nothing after it), with no need to
     * pause the stage queues through a management client (a jboss-cli JVM took about 2 s of every
     * cycle). The two ledgers are still read one after the other, and a commit's second phase may
     * reach one a moment after the other: balancedBooks rides over that. Fewer records than sent
     * after two minutes (one lost or dead-lettered) is for the caller to report.
     */
    private static Verification settledBooks(LedgerConnection ledgerA, LedgerInvariant verifier, long expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        try (Connection connection = ledgerA.open();
             PreparedStatement outcomes = connection.prepareStatement("SELECT COUNT(*) FROM record_outcome")) {
            while (System.nanoTime() < deadline) {
                try (ResultSet count = outcomes.executeQuery()) {
                    count.next();
                    if (count.getLong(1) >= expected) {
                        break;
                    }
                }
                Thread.sleep(20);
            }
        }
        return balancedBooks(verifier);
    }

    /**
     * The books, read again for up to 10 s while they do not hold: the two ledgers are read one after
     * the other, so one reading can fall between a transfer's commit in one and in the other; a real
     * violation persists, a skew does not.
     */
    private static Verification balancedBooks(LedgerInvariant verifier) throws Exception {
        Verification books = verifier.verify(OptionalLong.empty());
        for (int attempt = 0; attempt < 20 && !books.holds(); attempt++) {
            Thread.sleep(500);
            books = verifier.verify(OptionalLong.empty());
        }
        return books;
    }

    private static final String BEGIN = "<!-- soak:begin, written by ./mvnw -Psoak package -->";
    private static final String END = "<!-- soak:end -->";

    /**
     * Puts the run into the results page, between the soak's markers (appended the first time): what
     * ran, where and when, the kills by kind, violations and timings, and the summary line.
     */
    static void record(Path file, Settings settings, Report report, LocalDateTime started, boolean embedded) throws IOException {
        String shape = "chained " + System.getProperty("xastream.topology.chain", "true")
                + ", stage modes " + System.getProperty("xastream.stage.apply.mode", "epoch");
        String section = BEGIN + "\n"
                + "## Long soak: the last recorded run\n\n"
                + String.format(Locale.ROOT, "Started %s UTC on %d cores (%s %s), Java %s; %s engines, durable: %s; %s; seed %d, "
                                + "%d records (5 %% invalid on purpose), %d consumers, kills at most %d ms after a share is queued.%n%n",
                        started.withNano(0), Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                        System.getProperty("os.version"), System.getProperty("java.version"),
                        embedded ? "embedded PostgreSQL 18 and MariaDB 11.4" : "configured", LedgerEngines.durable() ? "yes" : "NO (non-durable run)",
                        shape, settings.seed(), report.records(), settings.consumers(), settings.maxGap().toMillis())
                + "| WildFly kills | PostgreSQL kills | MariaDB kills | records | violations | timings |\n"
                + "|---|---|---|---|---|---|\n"
                + String.format(Locale.ROOT, "| %d (%d while the feeder sent) | %d | %d | %d | %d | %s |%n%n", report.crashes(),
                        report.whileFeeding(), report.ledgerKills() / 2,
                        report.ledgerKills() / 2, report.records(), report.violations().size(), report.timings())
                + "    " + report.describe() + "\n\n"
                + (report.violations().isEmpty() ? "" : "Violations:\n\n" + report.violations().stream()
                        .map(violation -> "- " + violation + "\n").reduce("", String::concat) + "\n")
                + END;
        String page = Files.exists(file) ? Files.readString(file) : "# Crash results\n";
        int begin = page.indexOf(BEGIN);
        int end = page.indexOf(END);
        page = begin >= 0 && end > begin
                ? page.substring(0, begin) + section + page.substring(end + END.length())
                : page.stripTrailing() + "\n\n" + section + "\n";
        Files.writeString(file, page);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("xastream.soak.dir", "target/soak")).toAbsolutePath();
        Settings settings = new Settings(dir,
                Path.of(System.getProperty("xastream.wildfly.home")), Path.of(System.getProperty("xastream.ear")),
                Integer.getInteger("xastream.soak.records", 5000), Integer.getInteger("xastream.soak.crashes", 10),
                Integer.getInteger("xastream.soak.ledger-kills", 0),
                Long.getLong("xastream.soak.seed", 1), Duration.ofMillis(Long.getLong("xastream.soak.max-gap-ms", 8000)),
                Integer.getInteger("xastream.soak.port-offset", 300), Integer.getInteger("xastream.soak.consumers", 2));
        Report report;
        LocalDateTime started = LocalDateTime.now(ZoneOffset.UTC);
        boolean embedded;
        try (LedgerEngines engines = LedgerEngines.startOrConnect(dir.resolve("engines"))) {
            embedded = engines.embedded();
            report = run(settings, engines, line -> System.out.println("[soak] " + line));
        }
        System.out.println("[soak] " + report.describe());
        System.out.println("[soak] " + report.timings());
        System.out.println(report.passed() ? "[soak] EXACTLY ONCE HELD" : "[soak] VIOLATIONS FOUND");
        String results = System.getProperty("xastream.soak.results");
        if (results != null && !results.isBlank()) {
            Path file = Path.of(results);
            record(file, settings, report, started, embedded);
            System.out.println("[soak] wrote the run into " + file);
        }
        if (!report.passed()) {
            System.exit(1);
        }
    }
}
