#!/usr/bin/env bash
# Redis (Debian's redis-server) on 127.0.0.1:56379, data in $LAB_DIR/redis.
#   lab/scripts/redis.sh install|start|stop|status|cli [redis-cli args]
# Runs the binary with its own config file as the `redis` OS user (not the system service).
LAB_NAME=redis
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

REDIS_PORT="${REDIS_PORT:-56379}"
REDIS_OS_USER="${REDIS_OS_USER:-redis}"
SRC="$LAB_DATA_DIR/redis"
HOME_DIR="$LAB_DIR/redis"
CONF="$HOME_DIR/redis.conf"
MARKER="$LAB_HOST:$REDIS_PORT"   # redis-server shows "redis-server 127.0.0.1:56379" in its cmdline

cli() { redis-cli -h "$LAB_HOST" -p "$REDIS_PORT" "$@"; }

cmd_install() {
  lab_init
  if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then
    ensure_apt redis-server redis-tools
  fi
  id "$REDIS_OS_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$REDIS_OS_USER"
  mkdir -p "$HOME_DIR"
  sed -e "s#@PORT@#$REDIS_PORT#g" -e "s#@DATA_DIR@#$HOME_DIR#g" "$SRC/redis.conf.template" > "$CONF.new"
  mv "$CONF.new" "$CONF"
  chown -R "$REDIS_OS_USER:" "$HOME_DIR"
  log "installed (redis $(redis-server --version | awk '{print $3}' | cut -d= -f2))"
}

cmd_start() {
  lab_init
  local pid
  if pid="$(read_pid redis "$MARKER")"; then
    log "already running (pid $pid)"
    return 0
  fi
  cmd_install
  port_open "$REDIS_PORT" && die "port $REDIS_PORT already in use by another process"
  log "starting on $LAB_HOST:$REDIS_PORT as OS user $REDIS_OS_USER"
  pid="$(start_bg redis "$REDIS_OS_USER" "$(command -v redis-server)" "$CONF")"
  wait_port "$REDIS_PORT" 30 "$pid" || fail_with_log redis "redis did not open $LAB_HOST:$REDIS_PORT"
  wait_until 10 sh -c "[ \"\$(redis-cli -h $LAB_HOST -p $REDIS_PORT ping)\" = PONG ]" \
    || fail_with_log redis "no PONG"
  log "ready: redis://$LAB_HOST:$REDIS_PORT (pid $pid)"
}

cmd_stop() {
  # SIGTERM makes redis save the RDB snapshot and exit
  stop_pid redis 30 "$MARKER"
}

cmd_status() {
  status_line redis "$REDIS_PORT" "$MARKER" "version=$(redis-server --version 2>/dev/null | awk '{print $3}' | cut -d= -f2)"
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  cli) shift; cli "$@" ;;
  *) lab_usage cli ;;
esac
