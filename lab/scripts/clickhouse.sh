#!/usr/bin/env bash
# ClickHouse 18.16 (Debian's clickhouse-server) with its own config under $LAB_DIR/clickhouse.
#   lab/scripts/clickhouse.sh install|start|stop|status|query "<SQL>"
# HTTP 127.0.0.1:58123, native TCP 127.0.0.1:59000.
# Users: default (no password), console (password $CLICKHOUSE_CONSOLE_PASSWORD).
# Runs as the `clickhouse` OS user (created by the Debian package); data dir chowned to it.
LAB_NAME=clickhouse
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

CH_HTTP_PORT="${CH_HTTP_PORT:-58123}"
CH_TCP_PORT="${CH_TCP_PORT:-59000}"
CLICKHOUSE_CONSOLE_PASSWORD="${CLICKHOUSE_CONSOLE_PASSWORD:-console-secret}"
CH_USER="${CH_USER:-clickhouse}"          # OS user that runs the server
CH_QUERY_LOG_FLUSH_MS="${CH_QUERY_LOG_FLUSH_MS:-1000}"

SRC="$LAB_DATA_DIR/clickhouse"
HOME_DIR="$LAB_DIR/clickhouse"
CONF_DIR="$HOME_DIR/config"
DATA="$HOME_DIR/data"
CH_LOG_DIR="$HOME_DIR/log"
SERVER_BIN=/usr/sbin/clickhouse-server
MARKER="$CONF_DIR/config.xml"
URL="http://$LAB_HOST:$CH_HTTP_PORT/"

render() { # render <template> <dest>
  sed -e "s#@HTTP_PORT@#$CH_HTTP_PORT#g" -e "s#@TCP_PORT@#$CH_TCP_PORT#g" \
      -e "s#@DATA_DIR@#$DATA#g" -e "s#@LOG_DIR@#$CH_LOG_DIR#g" \
      -e "s#@QUERY_LOG_FLUSH_MS@#$CH_QUERY_LOG_FLUSH_MS#g" \
      -e "s#@CONSOLE_PASSWORD@#$CLICKHOUSE_CONSOLE_PASSWORD#g" "$1" > "$2.new"
  mv "$2.new" "$2"
}

cmd_install() {
  lab_init
  if [ ! -x "$SERVER_BIN" ]; then
    ensure_apt clickhouse-server
  fi
  command -v curl >/dev/null || ensure_apt curl
  id "$CH_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$CH_USER"
  mkdir -p "$CONF_DIR" "$DATA/tmp" "$DATA/user_files" "$DATA/format_schemas" "$CH_LOG_DIR"
  render "$SRC/config.xml.template" "$CONF_DIR/config.xml"
  render "$SRC/users.xml.template" "$CONF_DIR/users.xml"
  chmod 750 "$CONF_DIR"   # users.xml holds a password
  # the server writes preprocessed configs next to config.xml and owns its data + logs
  chown -R "$CH_USER:" "$HOME_DIR"
  log "installed ($(ch_version))"
}

ch_version() {
  dpkg-query -W -f='clickhouse-server ${Version}' clickhouse-server 2>/dev/null || echo "clickhouse-server ?"
}

# ch_query "<SQL>" [curl args...] -> runs one statement over HTTP as `default`
ch_query() {
  local sql="$1"
  shift
  curl -sS --fail-with-body --max-time 30 "$URL" --data-binary "$sql" "$@" 2>/dev/null \
    || curl -sS --fail --max-time 30 "$URL" --data-binary "$sql" "$@"
}

ping_ok() { [ "$(curl -s --max-time 2 "${URL}ping")" = "Ok." ]; }

apply_schema() {
  local line
  while IFS= read -r line; do
    case "$line" in ''|--*) continue ;; esac
    ch_query "$line" >/dev/null || die "schema statement failed: $line"
  done < "$SRC/schema.sql"
  if [ ! -f "$HOME_DIR/.seeded" ]; then
    if [ "$(ch_query 'SELECT count() FROM default.market_ticks')" = "0" ]; then
      log "seeding market_ticks with a few rows (source='lab-seed')"
      local now
      now="$(date -u '+%F %T')"
      # INSERT over HTTP: the statement and its data in one POST body
      ch_query "INSERT INTO default.market_ticks (symbol, price, volume, ts, source) FORMAT TabSeparated
AAPL	189.5	1200	$now	lab-seed
MSFT	411.2	800	$now	lab-seed
GOOG	141.9	500	$now	lab-seed
AMZN	178.3	650	$now	lab-seed
TSLA	242.7	2100	$now	lab-seed
" >/dev/null || die "seed insert failed"
    fi
    touch "$HOME_DIR/.seeded"
  fi
}

cmd_start() {
  lab_init
  local pid
  if pid="$(read_pid clickhouse "$MARKER")"; then
    log "already running (pid $pid)"
    return 0
  fi
  cmd_install
  if port_open "$CH_HTTP_PORT" || port_open "$CH_TCP_PORT"; then
    die "port $CH_HTTP_PORT or $CH_TCP_PORT already in use by another process"
  fi
  log "starting on http://$LAB_HOST:$CH_HTTP_PORT (tcp :$CH_TCP_PORT) as OS user $CH_USER"
  pid="$(start_bg clickhouse "$CH_USER" "$SERVER_BIN" --config-file="$CONF_DIR/config.xml")"
  wait_port "$CH_HTTP_PORT" 60 "$pid" || {
    tail -n 20 "$CH_LOG_DIR/clickhouse-server.err.log" >&2 2>/dev/null || true
    fail_with_log clickhouse "server did not open $URL"
  }
  wait_until 30 ping_ok || fail_with_log clickhouse "no Ok. from ${URL}ping"
  apply_schema
  log "ready: $URL (pid $pid, $(ch_query 'SELECT version()'))"
}

cmd_stop() {
  stop_pid clickhouse 30 "$MARKER"
}

cmd_status() {
  local extra="tcp=$LAB_HOST:$CH_TCP_PORT"
  if ping_ok; then extra="$extra version=$(ch_query 'SELECT version()' 2>/dev/null)"; fi
  status_line clickhouse "$CH_HTTP_PORT" "$MARKER" "$extra"
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  query) shift; ch_query "$@" ;;
  *) lab_usage query ;;
esac
