-- Ledger B as the first xastream (2026-11-28) had Hibernate create it, before the schema was
-- versioned: no transaction_id column yet. Read by SchemaMigrationIT, one statement per ";".
create table account (balance decimal(19,2) not null, opening_balance decimal(19,2) not null, version bigint not null, id varchar(32) not null, primary key (id)) engine=InnoDB;
create table ledger_entry (amount decimal(19,2) not null, applied_at datetime(6) not null, event_time datetime(6), id bigint not null auto_increment, account_id varchar(32) not null, counterparty varchar(32) not null, record_id varchar(64) not null, primary key (id)) engine=InnoDB;
create index ledger_entry_record on ledger_entry (record_id);
create index ledger_entry_account on ledger_entry (account_id);
insert into account (id, balance, opening_balance, version) values ('B-0001', 110.00, 100.00, 1);
insert into ledger_entry (record_id, account_id, amount, counterparty, event_time, applied_at) values ('t-1', 'B-0001', 10.00, 'A-0001', '2026-11-28 12:00:00', '2026-11-28 12:00:01');
