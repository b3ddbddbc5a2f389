package io.xastream.feeder.ledger.boundary;

import io.xastream.feeder.connection.boundary.LedgerOptions;
import io.xastream.feeder.ledger.control.AccountSeeder;
import io.xastream.feeder.ledger.entity.SeedResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.math.BigDecimal;
import java.util.concurrent.Callable;

@Command(name = "seed", mixinStandardHelpOptions = true,
        description = "Inserts accounts A-0001..A-N (ledger A) and B-0001..B-N (ledger B) that do not exist yet; existing ones are left alone.")
public final class SeedCommand implements Callable<Integer> {

    @Option(names = "--accounts", required = true, description = "Accounts per ledger.")
    int accounts;

    @Option(names = "--balance", defaultValue = "1000.00", description = "Opening balance of each new account (default ${DEFAULT-VALUE}).")
    BigDecimal balance;

    @Mixin
    LedgerOptions ledgers;

    @Override
    public Integer call() {
        try {
            SeedResult result = new AccountSeeder(ledgers.connections()).seed(accounts, balance);
            System.out.print(result.describe());
            return 0;
        } catch (Exception e) {
            System.err.println("seed failed: " + e.getMessage());
            return 1;
        }
    }
}
