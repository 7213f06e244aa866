#!/usr/bin/env bash
# The pipeline's own PostgreSQL (Debian's postgresql 15) as a separate cluster in $LAB_DIR/pipeline-db.
#   lab/scripts/pipeline-db.sh install|start|stop|status
#   lab/scripts/pipeline-db.sh psql [psql args]   psql as user "user" on database db
# 127.0.0.1:55432 (and a Unix socket in $LAB_DIR/pipeline-db/socket), database db,
# user "user" / password "pipeline", shared_preload_libraries=pg_stat_statements.
# Runs as the postgres OS user (PostgreSQL refuses to run as root).
LAB_NAME=pipeline-db
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PG_PORT="${PG_PORT:-55432}"
PG_DB="${PG_DB:-db}"
PG_APP_USER="${PG_APP_USER:-user}"
PG_APP_PASSWORD="${PG_APP_PASSWORD:-pipeline}"
PG_OS_USER=postgres

SRC="$LAB_DATA_DIR/pipeline-db"
HOME_DIR="$LAB_DIR/pipeline-db"
DATA="$HOME_DIR/data"
SOCK="$HOME_DIR/socket"
MARKER="-D $DATA"

pg_bindir() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n -r); do
    [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ] && [ -x "$d/postgres" ] && { echo "$d"; return 0; }
  done
  return 1
}

as_pg() { setpriv --reuid="$PG_OS_USER" --regid="$(id -g "$PG_OS_USER")" --init-groups env HOME=/tmp "$@"; }

# superuser psql over the socket (peer auth as the postgres OS user)
# setup statements stay out of pg_stat_statements (track=none) and NOTICEs are muted
su_psql() { PGOPTIONS="-c pg_stat_statements.track=none -c client_min_messages=warning" as_pg "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCK" -p "$PG_PORT" -U postgres "$@"; }

cmd_install() {
  lab_init
  if ! BIN="$(pg_bindir)"; then
    ensure_apt postgresql postgresql-contrib
    BIN="$(pg_bindir)" || die "no pg_ctl/initdb under /usr/lib/postgresql/*/bin after apt-get install"
  fi
  local ver
  ver="$("$BIN/postgres" --version | awk '{print $3}')"
  # pg_stat_statements ships with the server package in Debian (postgresql-15); contrib on older ones
  [ -f "/usr/share/postgresql/${ver%%.*}/extension/pg_stat_statements.control" ] || ensure_apt postgresql-contrib
  id "$PG_OS_USER" >/dev/null 2>&1 || die "OS user $PG_OS_USER missing (created by the postgresql package)"
  mkdir -p "$HOME_DIR" "$SOCK"
  chown "$PG_OS_USER:" "$HOME_DIR" "$SOCK"
  if [ ! -s "$DATA/PG_VERSION" ]; then
    log "initdb $DATA (PostgreSQL $ver)"
    local pwfile="$HOME_DIR/.initpw"
    # superuser password only matters for TCP; locally the postgres OS user uses peer auth
    head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$pwfile"
    chown "$PG_OS_USER:" "$pwfile"
    chmod 600 "$pwfile"
    as_pg "$BIN/initdb" -D "$DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
      --auth-local=peer --auth-host=scram-sha-256 --pwfile="$pwfile" >&2 || die "initdb failed"
    rm -f "$pwfile"
  fi
  # lab settings in their own file, included once from postgresql.conf
  cat > "$DATA/lab.conf.new" <<CONF
# written by lab/scripts/pipeline-db.sh on every install
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$SOCK'
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = top
pg_stat_statements.max = 5000
track_io_timing = on
shared_buffers = 128MB
max_connections = 50
logging_collector = off
log_destination = 'stderr'
log_line_prefix = '%m [%p] %q%u@%d '
log_min_duration_statement = 500
password_encryption = 'scram-sha-256'
CONF
  mv "$DATA/lab.conf.new" "$DATA/lab.conf"
  grep -q "^include_if_exists = 'lab.conf'" "$DATA/postgresql.conf" \
    || echo "include_if_exists = 'lab.conf'" >> "$DATA/postgresql.conf"
  cat > "$DATA/pg_hba.conf" <<HBA
# written by lab/scripts/pipeline-db.sh
# TYPE  DATABASE USER      ADDRESS        METHOD
local   all      postgres                 peer
local   all      all                      scram-sha-256
host    all      all       127.0.0.1/32   scram-sha-256
host    all      all       ::1/128        scram-sha-256
HBA
  chown -R "$PG_OS_USER:" "$DATA"
  chmod 700 "$DATA"
  log "installed (PostgreSQL $ver, $BIN)"
}

ready() { "$BIN/pg_isready" -q -h "$LAB_HOST" -p "$PG_PORT"; }

apply_schema() {
  # role and database (CREATE DATABASE cannot run inside DO/transaction blocks)
  su_psql -d postgres -v pw="$PG_APP_PASSWORD" -v u="$PG_APP_USER" <<'SQL' || die "creating role failed"
SELECT format('CREATE ROLE %I LOGIN', :'u') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'u') \gexec
SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', :'u', :'pw') \gexec
SQL
  su_psql -d postgres -v u="$PG_APP_USER" -v db="$PG_DB" <<'SQL' || die "creating database failed"
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'u') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL
  su_psql -d "$PG_DB" -f "$SRC/schema.sql" >/dev/null || die "schema.sql failed"
}

cmd_start() {
  lab_init
  local pid
  if pid="$(read_pid pipeline-db "$MARKER")"; then
    log "already running (pid $pid)"
    return 0
  fi
  cmd_install
  if port_open "$PG_PORT"; then
    die "port $PG_PORT already in use by another process"
  fi
  log "starting on $LAB_HOST:$PG_PORT as OS user $PG_OS_USER"
  pid="$(start_bg pipeline-db "$PG_OS_USER" "$BIN/postgres" -D "$DATA")"
  wait_until 60 ready || fail_with_log pipeline-db "postgres not ready on $LAB_HOST:$PG_PORT"
  apply_schema
  log "ready: postgresql://$PG_APP_USER:$PG_APP_PASSWORD@$LAB_HOST:$PG_PORT/$PG_DB (pid $pid)"
}

cmd_stop() {
  local pid
  if pid="$(read_pid pipeline-db "$MARKER")"; then
    # SIGINT = "fast" shutdown (SIGTERM would wait for every client to disconnect)
    kill -INT "$pid" 2>/dev/null || true
  fi
  stop_pid pipeline-db 30 "$MARKER"
}

cmd_status() {
  BIN="$(pg_bindir 2>/dev/null || true)"
  local ver=""
  [ -n "$BIN" ] && ver="version=$("$BIN/postgres" --version | awk '{print $3}')"
  status_line pipeline-db "$PG_PORT" "$MARKER" "db=$PG_DB user=$PG_APP_USER $ver"
}

cmd_psql() {
  BIN="$(pg_bindir)" || die "postgres not installed"
  PGPASSWORD="$PG_APP_PASSWORD" "$BIN/psql" -X -h "$LAB_HOST" -p "$PG_PORT" -U "$PG_APP_USER" -d "$PG_DB" "$@"
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  psql) shift; cmd_psql "$@" ;;
  *) lab_usage psql ;;
esac
