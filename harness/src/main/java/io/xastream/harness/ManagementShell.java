package io.xastream.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One jboss-cli process kept open on a running server, so that each operation costs a round trip,
 * not a JVM start: the benchmark pauses and resumes a queue with it and times what follows.
 */
public final class ManagementShell implements AutoCloseable {

    private final Process cli;
    private final PrintWriter in;
    private final BufferedReader out;

    ManagementShell(Path jbossCli, int managementPort) throws IOException {
        cli = new ProcessBuilder(jbossCli.toString(), "--connect", "--no-color-output",
                "--controller=127.0.0.1:" + managementPort)
                .redirectErrorStream(true).start();
        in = new PrintWriter(cli.getOutputStream(), true, StandardCharsets.UTF_8);
        out = new BufferedReader(new InputStreamReader(cli.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Runs one operation (CLI syntax) and returns its result; an IOException unless it succeeded. */
    public String run(String operation) throws IOException {
        in.println(operation);
        StringBuilder result = new StringBuilder();
        String line;
        // An operation's result is one DMR object: from a line "{" to a line "}".
        while ((line = out.readLine()) != null) {
            line = line.replaceAll("\u001B\\[[;0-9]*m", "").stripTrailing();
            if (result.isEmpty() && !line.startsWith("{")) {
                continue;
            }
            result.append(line).append('\n');
            if (line.equals("}")) {
                break;
            }
        }
        if (!result.toString().contains("\"outcome\" => \"success\"")) {
            throw new IOException(operation + " failed: " + (result.isEmpty() ? "the CLI ended" : result.toString().strip()));
        }
        return result.toString();
    }

    /** Ends the CLI; an interrupted wait still ends it (forcibly) and keeps the thread's interrupt. */
    @Override
    public void close() {
        in.println("quit");
        in.close();
        try {
            if (!cli.waitFor(30, TimeUnit.SECONDS)) {
                cli.destroyForcibly();
            }
        } catch (InterruptedException e) {
            cli.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
