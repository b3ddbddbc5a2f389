package io.xastream.feeder;

import io.xastream.feeder.ledger.boundary.SeedCommand;
import io.xastream.feeder.ledger.boundary.VerifyCommand;
import io.xastream.feeder.transfer.boundary.DrainCommand;
import io.xastream.feeder.transfer.boundary.SendCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The feeder command line: {@code seed}, {@code send}, {@code verify}, {@code drain}.
 * The work is done by plain classes in the {@code control} packages; the commands only parse.
 */
@Command(name = "feeder", mixinStandardHelpOptions = true, versionProvider = Feeder.Version.class,
        description = "Feeds transfer records to xastream over JMS and checks the ledgers afterwards.",
        subcommands = {SeedCommand.class, SendCommand.class, VerifyCommand.class, DrainCommand.class,
                CommandLine.HelpCommand.class})
public final class Feeder implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code, without exiting the JVM. */
    public static int run(String... args) {
        return new CommandLine(new Feeder()).execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: seed, send, verify or drain");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Feeder.class.getPackage().getImplementationVersion();
            return new String[] {"xastream feeder " + (version == null ? "(development build)" : version)};
        }
    }
}
