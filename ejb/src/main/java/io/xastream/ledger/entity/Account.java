package io.xastream.ledger.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;

/** An account of one ledger. Its opening balance stays put so the books can always be checked. */
@Entity
@Table(name = "account")
public class Account {

    @Id
    @Column(length = 32)
    private String id;

    @Column(precision = 19, scale = 2, nullable = false)
    private BigDecimal balance;

    @Column(name = "opening_balance", precision = 19, scale = 2, nullable = false)
    private BigDecimal openingBalance;

    @Version
    private long version;

    protected Account() {
    }

    public Account(String id, BigDecimal openingBalance) {
        this.id = id;
        this.balance = openingBalance;
        this.openingBalance = openingBalance;
    }

    /** An account as a locking read found it (io.xastream.ledger.control.Ledgers writes it back). */
    public Account(String id, BigDecimal balance, BigDecimal openingBalance) {
        this.id = id;
        this.balance = balance;
        this.openingBalance = openingBalance;
    }

    public String getId() {
        return id;
    }

    public BigDecimal getBalance() {
        return balance;
    }

    public BigDecimal getOpeningBalance() {
        return openingBalance;
    }

    public boolean covers(BigDecimal amount) {
        return balance.compareTo(amount) >= 0;
    }

    public void debit(BigDecimal amount) {
        if (!covers(amount)) {
            throw new IllegalStateException("account " + id + " cannot cover " + amount);
        }
        balance = balance.subtract(amount);
    }

    public void credit(BigDecimal amount) {
        balance = balance.add(amount);
    }
}
