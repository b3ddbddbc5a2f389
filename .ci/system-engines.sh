#!/usr/bin/env bash
# Prepares the machine's own PostgreSQL (127.0.0.1:5432, trust auth) and MariaDB (127.0.0.1:3306,
# root without password) for the integration tests: XA enabled, a fresh database xastream_it on
# each, a user xastream/xastream. Exits non-zero when an engine is missing.
set -uo pipefail

command -v psql >/dev/null && command -v mariadb >/dev/null || { echo "psql or mariadb client missing" >&2; exit 1; }

pg() { psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -tAq "$@"; }
if ! pg -c 'select 1' >/dev/null 2>&1; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || exit 1
    sleep 2
fi
# PostgreSQL refuses XA (PREPARE TRANSACTION) until max_prepared_transactions > 0; it needs a restart.
if [ "$(pg -c 'show max_prepared_transactions')" = "0" ]; then
    pg -c 'ALTER SYSTEM SET max_prepared_transactions = 64' || exit 1
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main restart || exit 1
    for _ in $(seq 1 30); do pg -c 'select 1' >/dev/null 2>&1 && break; sleep 1; done
fi
[ "$(pg -c 'show max_prepared_transactions')" != "0" ] || { echo "max_prepared_transactions is still 0" >&2; exit 1; }
# Leftover prepared branches from an earlier run would block the drop.
for gid in $(pg -d postgres -c "select gid from pg_prepared_xacts where database = 'xastream_it'"); do
    pg -d xastream_it -c "ROLLBACK PREPARED '$gid'"
done
pg -c 'DROP DATABASE IF EXISTS xastream_it' &&
pg -c "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'xastream') THEN CREATE ROLE xastream LOGIN CREATEDB PASSWORD 'xastream'; END IF; END \$\$" &&
pg -c 'ALTER ROLE xastream CREATEDB' &&
pg -c 'CREATE DATABASE xastream_it OWNER xastream' || exit 1

maria() { mariadb -h 127.0.0.1 -u root "$@"; }
if ! maria -e 'select 1' >/dev/null 2>&1; then
    start-stop-daemon --start --oknodo --background --pidfile /run/mysqld/mysqld.pid --exec /usr/sbin/mariadbd || exit 1
    for _ in $(seq 1 30); do maria -e 'select 1' >/dev/null 2>&1 && break; sleep 1; done
fi
# Prepared XA branches survive a restart and would hold their locks (and the DROP below) forever:
# roll back any that an earlier, killed run left. This machine's MariaDB serves tests only.
maria -N -e "XA RECOVER FORMAT='SQL'" | while read -r _ _ _ xid; do
    maria -e "XA ROLLBACK $xid" || true
done
maria -e "DROP DATABASE IF EXISTS xastream_it; CREATE DATABASE xastream_it;
  CREATE USER IF NOT EXISTS 'xastream'@'localhost' IDENTIFIED BY 'xastream';
  CREATE USER IF NOT EXISTS 'xastream'@'127.0.0.1' IDENTIFIED BY 'xastream';
  GRANT ALL ON *.* TO 'xastream'@'localhost';
  GRANT ALL ON *.* TO 'xastream'@'127.0.0.1';" || exit 1
echo "system engines ready: PostgreSQL $(pg -c 'show server_version') and $(maria -N -e 'select version()')"
