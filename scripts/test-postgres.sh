#!/usr/bin/env bash
# A real PostgreSQL for the integration tests: Debian's server package, installed with apt
# when absent, as its own cluster on 127.0.0.1:54329. Idempotent.
# The cluster lives outside the checkout (/var/tmp by default): the server runs as the
# postgres OS user, which may not be able to enter the directory a checkout sits in.
#   scripts/test-postgres.sh start   -> prints the superuser URL
#   scripts/test-postgres.sh stop
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${TEST_PG_PORT:-54329}"
ROOT="${TEST_PG_DIR:-/var/tmp/incident-console-test-pg-$PORT}"
DATA="$ROOT/data"
PASSWORD=console-tests
URL="postgresql://postgres:$PASSWORD@127.0.0.1:$PORT/postgres"

bindir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n -r); do
    [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
  done
  return 1
}

# PostgreSQL refuses to run as root: run its tools as the postgres OS user when we are root.
as_pg() { if [ "$(id -u)" = 0 ]; then setpriv --reuid=postgres --regid="$(id -g postgres)" --init-groups env HOME=/tmp "$@"; else "$@"; fi; }

start() {
  if ! BIN=$(bindir); then
    echo "[test-postgres] installing PostgreSQL with apt…" >&2
    (apt-get install -y -q postgresql >/dev/null 2>&1) || (apt-get update -q >/dev/null && apt-get install -y -q postgresql >/dev/null)
    BIN=$(bindir) || { echo "[test-postgres] no PostgreSQL server after apt-get install" >&2; exit 1; }
  fi
  mkdir -p "$ROOT"
  [ "$(id -u)" = 0 ] && chown postgres: "$ROOT"
  # Keep the port out of the kernel's ephemeral range (another program's outgoing connection
  # could hold it as its local port, and the server would not start). Root only; best effort.
  reserved=/proc/sys/net/ipv4/ip_local_reserved_ports
  if [ -w "$reserved" ] && ! grep -qE "(^|,)$PORT(,|$)" "$reserved"; then
    current=$(cat "$reserved")
    echo "${current:+$current,}$PORT" > "$reserved" 2>/dev/null || true
  fi
  if [ ! -s "$DATA/PG_VERSION" ]; then
    echo "$PASSWORD" > "$ROOT/pw"
    [ "$(id -u)" = 0 ] && chown postgres: "$ROOT/pw"
    as_pg "$BIN/initdb" -D "$DATA" -U postgres -E UTF8 --locale=C.UTF-8 --auth=scram-sha-256 --pwfile="$ROOT/pw" >/dev/null
    rm -f "$ROOT/pw"
  fi
  if ! as_pg "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    # fsync off: a test cluster trades durability for speed.
    as_pg "$BIN/pg_ctl" -D "$DATA" -l "$ROOT/server.log" -w -t 60 start \
      -o "-p $PORT -k $ROOT -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null
  fi
  echo "$URL"
}

stop() {
  BIN=$(bindir) || exit 0
  [ -s "$DATA/PG_VERSION" ] && as_pg "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null 2>&1 || true
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
