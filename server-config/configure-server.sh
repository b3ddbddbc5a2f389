#!/usr/bin/env bash
# Configures a WildFly 39 installation for xastream: out with the subsystems it does not use
# (trim.cli: a faster boot), JDBC driver modules, the two ledger
# XA datasources, the JMS destinations, transactions, the MDB pool, the login lockout and the
# application users; and the watchdog deployment. standalone-full.xml runs the stages' broker
# inside the server; standalone-cluster.xml, the same otherwise, is a node on a standalone broker.
# Safe to run again: every step checks before it adds.
#
#   configure-server.sh WILDFLY_HOME           offline, through embed-server (the build does this)
#   configure-server.sh WILDFLY_HOME --connect against a running server on localhost:9990,
#                                              then reload it
#
# The JDBC driver jars are taken from XASTREAM_DRIVERS_DIR (default: target/drivers beside
# this script, filled by `./mvnw -pl server-config package`). Passwords of the application
# users come from XASTREAM_FEEDER_PASSWORD, XASTREAM_DOWNSTREAM_PASSWORD,
# XASTREAM_MONITOR_PASSWORD and XASTREAM_OPERATOR_PASSWORD (defaults in docs/security.md: change
# them for anything but a demo); the dashboard's broker identity's from
# XASTREAM_DASHBOARD_JMS_PASSWORD, else a random one.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
wildfly_home=${1:?usage: configure-server.sh WILDFLY_HOME [--connect]}
mode=${2:-embedded}
drivers=${XASTREAM_DRIVERS_DIR:-$here/target/drivers}
# The dashboard's broker identity: nobody types its password, so unless one is given it is a
# new random one each time the server is configured. It is written into the server's
# configuration as it is: keep it to characters that need no quoting there.
dashboard_jms_password=${XASTREAM_DASHBOARD_JMS_PASSWORD:-$(head -c 24 /dev/urandom | base64 | tr '/+=' '._-')}
[[ "$dashboard_jms_password" =~ ^[A-Za-z0-9._+-]{8,128}$ ]] || { echo "XASTREAM_DASHBOARD_JMS_PASSWORD: 8 to 128 of A-Z a-z 0-9 . _ + -" >&2; exit 1; }

pg_jar=$(ls "$drivers"/postgresql-*.jar 2>/dev/null | head -1)
maria_jar=$(ls "$drivers"/mariadb-java-client-*.jar 2>/dev/null | head -1)
xa_errors_jar=$(ls "$drivers"/xastream-jdbc-xa-errors.jar 2>/dev/null | head -1)
[ -n "$pg_jar" ] && [ -n "$maria_jar" ] && [ -n "$xa_errors_jar" ] || { echo "JDBC driver jars not found in $drivers" >&2; exit 1; }

script=$(mktemp --suffix=.cli)
trap 'rm -f "$script"' EXIT
{
    if [ "$mode" = "--connect" ]; then
        echo "connect"
    else
        echo "embed-server --server-config=standalone-full.xml --std-out=discard"
    fi
    # Order matters: drivers before the datasources that name them.
    # The dashboard reads its broker identity's password from this property (jms-security.cli).
    echo "if (outcome == success) of /system-property=xastream.dashboard.jms-password:read-resource"
    echo "    /system-property=xastream.dashboard.jms-password:remove"
    echo "end-if"
    echo "/system-property=xastream.dashboard.jms-password:add(value=\"$dashboard_jms_password\")"
    for part in trim jdbc-drivers ledger-datasources transfer-destinations jms-security transactions mdb-pool authorization-header https-only login-lockout; do
        cat "$here/src/main/cli/$part.cli"
        echo
    done
    [ "$mode" = "--connect" ] || echo "stop-embedded-server"
} > "$script"

"$wildfly_home/bin/jboss-cli.sh" \
    -Dxastream.jdbc.postgresql.jar="$pg_jar" \
    -Dxastream.jdbc.mariadb.jar="$maria_jar" \
    -Dxastream.jdbc.xa-errors.jar="$xa_errors_jar" \
    --file="$script"

# A node of several (issue 20): standalone-cluster.xml is standalone-full.xml as configured above,
# with the stages' broker outside the server (remote-broker.cli says what a node is given at boot).
# Made afresh each time, so it always follows standalone-full.xml. Offline only.
if [ "$mode" != "--connect" ]; then
    configuration="$wildfly_home/standalone/configuration"
    cp "$configuration/standalone-full.xml" "$configuration/standalone-cluster.xml"
    {
        echo "embed-server --server-config=standalone-cluster.xml --std-out=discard"
        cat "$here/src/main/cli/remote-broker.cli"
        echo
        echo "stop-embedded-server"
    } > "$script"
    "$wildfly_home/bin/jboss-cli.sh" --file="$script"
fi

# Application users (Elytron's ApplicationRealm). JMS roles (jms-security.cli): the feeder only
# sends transfers, downstream reads the outputs, xastream-dashboard is the dashboard's own. The
# dashboard's web roles: monitor (reads) and operator (acts).
add_user() {
    "$wildfly_home/bin/add-user.sh" -a -s -u "$1" -p "$2" -g "$3"
}
add_user feeder "${XASTREAM_FEEDER_PASSWORD:-feeder-pw-1}" feeder
add_user downstream "${XASTREAM_DOWNSTREAM_PASSWORD:-downstream-pw-1}" downstream
add_user xastream-dashboard "$dashboard_jms_password" xastream-dashboard
add_user monitor "${XASTREAM_MONITOR_PASSWORD:-monitor-pw-1}" monitor
add_user operator "${XASTREAM_OPERATOR_PASSWORD:-operator-pw-1}" monitor,operator

# Deployments every xastream server has beside the EAR, from XASTREAM_DEPLOYMENTS_DIR (default:
# target/deployments beside this script): the watchdog, which reloads the server when its broker
# stopped on a critical I/O error (docs/recovery.md, "A full disk"). The deployment scanner takes
# them up, from the server's own directory or any copy of it.
deployments=${XASTREAM_DEPLOYMENTS_DIR:-$here/target/deployments}
ls "$deployments"/*.war >/dev/null 2>&1 || { echo "server deployments not found in $deployments" >&2; exit 1; }
cp "$deployments"/*.war "$wildfly_home/standalone/deployments/"
echo "xastream: configured $wildfly_home"
