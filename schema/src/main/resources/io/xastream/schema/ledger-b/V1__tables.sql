-- Ledger B (MariaDB), version 1: the tables as xastream's entities had Hibernate create them before
-- the schema was versioned. "if not exists" throughout: a database an earlier xastream created is
-- brought to version 1 by this same script, with its rows; an empty one gets everything. Columns
-- added after a table's first version are added by "alter table", so that only a database that has
-- them already gets a notice that they are there.

create table if not exists account (
    id varchar(32) not null,
    balance decimal(19,2) not null,
    opening_balance decimal(19,2) not null,
    version bigint not null,
    primary key (id)
) engine=InnoDB;

create table if not exists ledger_entry (
    id bigint not null auto_increment,
    account_id varchar(32) not null,
    amount decimal(19,2) not null,
    applied_at datetime(6) not null,
    counterparty varchar(32) not null,
    event_time datetime(6),
    record_id varchar(64) not null,
    primary key (id)
) engine=InnoDB;
alter table ledger_entry add column if not exists transaction_id varchar(128);
create index if not exists ledger_entry_record on ledger_entry (record_id);
create index if not exists ledger_entry_account on ledger_entry (account_id);
