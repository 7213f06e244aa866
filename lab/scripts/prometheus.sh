#!/usr/bin/env bash
# Prometheus (Debian's prometheus) on 127.0.0.1:59090, config from lab/data/prometheus/prometheus.yml,
# TSDB in $LAB_DIR/prometheus/data. Scrapes itself, normalization-service (127.0.0.1:19090)
# and enrichment-service (127.0.0.1:19091) every 5 s.
#   lab/scripts/prometheus.sh install|start|stop|status|reload
LAB_NAME=prometheus
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PROM_PORT="${PROM_PORT:-59090}"
PROM_OS_USER="${PROM_OS_USER:-prometheus}"
PROM_RETENTION="${PROM_RETENTION:-7d}"
SRC="$LAB_DATA_DIR/prometheus"
HOME_DIR="$LAB_DIR/prometheus"
CONF="$HOME_DIR/prometheus.yml"
DATA="$HOME_DIR/data"
PROM_BIN=/usr/bin/prometheus
MARKER="--config.file=$CONF"
URL="http://$LAB_HOST:$PROM_PORT"

prom_version() { "$PROM_BIN" --version 2>&1 | head -n1 | awk '{print $3}'; }

cmd_install() {
  lab_init
  if [ ! -x "$PROM_BIN" ]; then
    ensure_apt prometheus
  fi
  id "$PROM_OS_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$PROM_OS_USER"
  mkdir -p "$DATA"
  sed -e "s#@PORT@#$PROM_PORT#g" "$SRC/prometheus.yml" > "$CONF.new"
  if command -v promtool >/dev/null; then
    promtool check config "$CONF.new" >/dev/null || die "promtool check config failed for $CONF.new"
  fi
  mv "$CONF.new" "$CONF"
  chown -R "$PROM_OS_USER:" "$HOME_DIR"
  log "installed (prometheus $(prom_version))"
}

ready() { curl -sf --max-time 2 "$URL/-/ready" >/dev/null; }

cmd_start() {
  lab_init
  local pid
  if pid="$(read_pid prometheus "$MARKER")"; then
    log "already running (pid $pid)"
    return 0
  fi
  cmd_install
  port_open "$PROM_PORT" && die "port $PROM_PORT already in use by another process"
  log "starting on $URL as OS user $PROM_OS_USER"
  pid="$(start_bg prometheus "$PROM_OS_USER" "$PROM_BIN" "--config.file=$CONF" \
    "--storage.tsdb.path=$DATA" "--storage.tsdb.retention.time=$PROM_RETENTION" \
    "--web.listen-address=$LAB_HOST:$PROM_PORT" --web.enable-lifecycle \
    "--web.external-url=$URL/")"
  wait_port "$PROM_PORT" 60 "$pid" || fail_with_log prometheus "prometheus did not open $URL"
  wait_until 60 ready || fail_with_log prometheus "$URL/-/ready never answered"
  log "ready: $URL (pid $pid)"
}

cmd_stop() {
  stop_pid prometheus 30 "$MARKER"
}

cmd_reload() {
  cmd_install
  curl -sf -X POST "$URL/-/reload" >/dev/null && log "config reloaded" || die "reload failed (is it running?)"
}

cmd_status() {
  status_line prometheus "$PROM_PORT" "$MARKER" "version=$(prom_version)"
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  reload) cmd_reload ;;
  *) lab_usage reload ;;
esac
