#!/usr/bin/env bash
# Restarts one of the machine's own database engines, the way the resource-fault tests need it
# (xastream.ledgerA.restart-command / xastream.ledgerB.restart-command in .ci/run):
#   restart-engine.sh postgres | mariadb
# Returns once the engine accepts connections again. XASTREAM_DOWN_SECONDS (default 0) is how long
# it stays down between stop and start.
set -uo pipefail
down="${XASTREAM_DOWN_SECONDS:-0}"

case "${1:?usage: restart-engine.sh postgres|mariadb}" in
postgres)
    cluster="$(ls /etc/postgresql | head -1)"
    if [ "$down" -gt 0 ]; then
        pg_ctlcluster --skip-systemctl-redirect "$cluster" main stop || exit 1
        sleep "$down"
        pg_ctlcluster --skip-systemctl-redirect "$cluster" main start || exit 1
    else
        pg_ctlcluster --skip-systemctl-redirect "$cluster" main restart || exit 1
    fi
    for _ in $(seq 1 60); do psql -h 127.0.0.1 -U postgres -tAq -c 'select 1' >/dev/null 2>&1 && exit 0; sleep 0.5; done
    ;;
mariadb)
    maria() { mariadb -h 127.0.0.1 -u root "$@"; }
    # The system instance only (its pid file): other mariadbd processes on the machine (a private
    # instance of the yardstick, say) must neither be waited for nor be taken for this one.
    pidfile=/run/mysqld/mysqld.pid
    pid=$(cat "$pidfile" 2>/dev/null)
    maria -e 'SHUTDOWN' || exit 1
    for _ in $(seq 1 120); do [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    sleep "$down"
    start-stop-daemon --start --oknodo --background --pidfile "$pidfile" --exec /usr/sbin/mariadbd || exit 1
    for _ in $(seq 1 120); do maria -e 'select 1' >/dev/null 2>&1 && exit 0; sleep 0.25; done
    ;;
esac
echo "$1 did not come back" >&2
exit 1
