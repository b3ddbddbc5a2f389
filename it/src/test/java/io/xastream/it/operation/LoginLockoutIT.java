package io.xastream.it.operation;

import io.xastream.it.Await;
import io.xastream.it.Deployments;
import io.xastream.it.SystemTest;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.xastream.it.operation.ApiClient.MONITOR;
import static io.xastream.it.operation.ApiClient.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17, item 12: wrong passwords lock a user out for a while (login-lockout.cli), the audit
 * view shows it, and the lock ends by itself. The user is one of its own, created here without a
 * role (the real users stay usable for the other tests); arquillian.xml shortens the lockout to a
 * minute.
 */
@SystemTest
class LoginLockoutIT {

    private static final String USER = "lockout-probe";
    private static final String LOGINS = "/xastream/api/audit/logins";
    /** Any page of the dashboard: a user without role monitor who gets past the login gets 403. */
    private static final String PAGE = "/xastream/api/session";

    private final ApiClient api = new ApiClient();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @Test
    void wrongPasswordsLockTheUserUntilTheIntervalEndsAndTheAuditViewShowsIt() throws Exception {
        String password = UUID.randomUUID().toString();
        String right = basic(USER, password);
        addUser(password);
        // The realm reads its properties file again once it changed.
        Await.until(Duration.ofSeconds(30), () -> "the new user known", () -> api.get(PAGE, right).statusCode() == 403);

        JsonObject policy = logins().getJsonObject("policy");
        int max = policy.getInt("maxFailedAttempts");
        int minutes = policy.getInt("lockoutMinutes");
        assertEquals(10, max, "the default of login-lockout.cli");
        assertEquals(1, minutes, "arquillian.xml sets xastream.login.lockout-minutes=1");

        for (int i = 1; i <= max; i++) {
            assertEquals(401, api.get(PAGE, basic(USER, "wrong-" + i)).statusCode(), "wrong password " + i);
        }
        // Locked: the right password is refused too (and, by Elytron's rule, starts the lockout again).
        assertEquals(401, api.get(PAGE, right).statusCode(), "the right password while locked out");

        JsonObject locked = probe(logins()).orElseThrow(() -> new AssertionError("no row for " + USER));
        assertTrue(locked.getBoolean("locked"), locked.toString());
        assertEquals(max + 1, locked.getInt("failuresInARow"), locked.toString());
        Instant lastFailure = Instant.parse(locked.getString("lastFailure"));
        assertEquals(lastFailure.plus(Duration.ofMinutes(minutes)).plusSeconds(1), Instant.parse(locked.getString("lockedUntil")));
        assertTrue(api.get("/xastream/audit.html", MONITOR).body().contains("id=\"logins\""), "the audit page has the table");

        // Watched as the monitor: any attempt of the user's would start the lockout again.
        Await.until(Duration.ofMinutes(minutes).plusMinutes(2), () -> "the lockout over by itself",
                () -> probe(logins()).map(row -> !row.getBoolean("locked")).orElse(false));
        assertEquals(403, api.get(PAGE, right).statusCode(), "logged in once the lockout ended (no role, hence 403)");
        JsonObject unlocked = probe(logins()).orElseThrow();
        assertEquals(0, unlocked.getInt("failuresInARow"), unlocked.toString());
        assertFalse(unlocked.getBoolean("locked"));
        assertTrue(unlocked.containsKey("lastSuccess"), unlocked.toString());
    }

    /** The Arquillian server's own users file, through WildFly's add-user.sh; no group: no role. */
    private static void addUser(String password) throws Exception {
        Path home = Path.of(System.getProperty("jboss.home"));
        Path configuration = Path.of(System.getProperty("xastream.it.dir"), "server", "configuration");
        Process process = new ProcessBuilder(home.resolve("bin/add-user.sh").toString(), "-a", "-s", "-u", USER, "-p", password,
                "-sc", configuration.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "add-user.sh did not end");
        assertEquals(0, process.exitValue(), "add-user.sh");
    }

    private JsonObject logins() throws Exception {
        HttpResponse<String> response = api.get(LOGINS, MONITOR);
        assertEquals(200, response.statusCode(), response.body());
        return ApiClient.json(response.body()).asJsonObject();
    }

    private static Optional<JsonObject> probe(JsonObject logins) {
        return logins.getJsonArray("users").getValuesAs(JsonObject.class).stream()
                .filter(row -> USER.equals(row.getString("user"))).findFirst();
    }

}
