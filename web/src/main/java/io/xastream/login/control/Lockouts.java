package io.xastream.login.control;

import io.xastream.api.Printable;
import io.xastream.login.entity.FailedLogins;
import io.xastream.login.entity.LockoutPolicy;
import io.xastream.login.entity.LoginEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays login events by Elytron's brute-force rules (BruteForceRealmWrapper, wildfly-elytron
 * 2.8) to tell who is locked out until when. Elytron keeps its count in memory only, so this is
 * the one place an operator can see it:
 * <ul>
 * <li>every failed attempt of an existing user counts, including the attempts made while locked
 * out, whatever the password: each of them starts the lockout again;</li>
 * <li>from {@code maxFailedAttempts} failures in a row, each failure locks the user for the lockout
 * interval from that failure;</li>
 * <li>a success forgets the failures; so does the failure memory running out after the last
 * failure (or after the lockout, if that ends later), and a restart of the server.</li>
 * </ul>
 * Event times are whole seconds, so a lockout is taken to end a second after the logged time plus
 * the interval: never earlier than Elytron's.
 */
public final class Lockouts {

    static final int MAX_USER_LENGTH = 64;
    private static final Duration SECOND = Duration.ofSeconds(1);

    private Lockouts() {
    }

    /** Every user with a failed login among the events, locked users first, then the latest failure first. */
    public static List<FailedLogins> of(List<LoginEvent> events, LockoutPolicy policy, Instant serverStart, Instant now) {
        Map<String, Run> runs = new LinkedHashMap<>();
        boolean restarted = false;
        for (LoginEvent event : events) {
            if (!restarted && !event.at().isBefore(serverStart)) {
                runs.values().forEach(run -> run.restart(serverStart));
                restarted = true;
            }
            Run run = runs.computeIfAbsent(event.user(), user -> new Run());
            if (event.success()) {
                run.inARow = 0;
                run.lastSuccess = event.at();
            } else {
                run.fail(event.at(), policy);
            }
        }
        if (!restarted) {
            runs.values().forEach(run -> run.restart(serverStart));
        }
        return runs.entrySet().stream()
                .filter(entry -> entry.getValue().lastFailure != null)
                .map(entry -> entry.getValue().at(now, entry.getKey(), policy))
                .sorted(Comparator.comparing(FailedLogins::locked).reversed()
                        .thenComparing(FailedLogins::lastFailure, Comparator.reverseOrder()))
                .toList();
    }

    /** One user's failures so far. */
    private static final class Run {
        int inARow;
        Instant lastFailure;
        Instant lockedUntil;
        Instant lastSuccess;

        void fail(Instant at, LockoutPolicy policy) {
            if (forgotten(at, policy)) {
                inARow = 0;
            }
            inARow++;
            lastFailure = at;
            if (inARow >= policy.maxFailedAttempts()) {
                lockedUntil = at.plus(policy.lockout()).plus(SECOND);
            }
        }

        /** Elytron forgets a run once neither its memory nor its lockout holds it any more. */
        boolean forgotten(Instant at, LockoutPolicy policy) {
            if (inARow == 0) {
                return false;
            }
            Instant memory = lastFailure.plus(policy.failureMemory()).plus(SECOND);
            Instant kept = lockedUntil != null && lockedUntil.isAfter(memory) ? lockedUntil : memory;
            return at.isAfter(kept);
        }

        /** A restart empties Elytron's memory and ends any lockout. */
        void restart(Instant serverStart) {
            inARow = 0;
            if (lockedUntil != null && lockedUntil.isAfter(serverStart)) {
                lockedUntil = serverStart;
            }
        }

        FailedLogins at(Instant now, String user, LockoutPolicy policy) {
            int counted = forgotten(now, policy) ? 0 : inARow;
            boolean locked = lockedUntil != null && lockedUntil.isAfter(now);
            return new FailedLogins(shown(user), locked, counted, lastFailure, lockedUntil, lastSuccess);
        }
    }

    /** A user name is what a client sent: escaped, and cut to a length no real user name reaches. */
    static String shown(String user) {
        String escaped = Printable.escape(user);
        return escaped.length() <= MAX_USER_LENGTH ? escaped : escaped.substring(0, MAX_USER_LENGTH) + "…";
    }
}
