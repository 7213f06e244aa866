# shellcheck shell=bash
# Shared helpers for lab/scripts/<component>.sh — source it, do not run it.
#
#   LAB_DIR   defaults to <repo>/.lab (made self-ignoring with a `*` .gitignore)
#   logs      $LAB_DIR/logs/<name>.log
#   pids      $LAB_DIR/run/<name>.pid
#   data      $LAB_DIR/<name>/
#
# Every server listens on 127.0.0.1 only.

set -euo pipefail

LAB_SCRIPTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LAB_REPO_DIR="$(cd "$LAB_SCRIPTS_DIR/../.." && pwd)"
LAB_DATA_DIR="$LAB_REPO_DIR/lab/data"
LAB_DIR="${LAB_DIR:-$LAB_REPO_DIR/.lab}"
case "$LAB_DIR" in /*) ;; *) LAB_DIR="$PWD/$LAB_DIR" ;; esac   # servers chdir: keep it absolute
LAB_HOST=127.0.0.1
export LAB_DIR

lab_init() {
  mkdir -p "$LAB_DIR/logs" "$LAB_DIR/run"
  # keep the whole lab dir out of git without touching the repo's .gitignore
  [ -f "$LAB_DIR/.gitignore" ] || printf '*\n' > "$LAB_DIR/.gitignore"
}

log()  { printf '[%s %s] %s\n' "$(date +%H:%M:%S)" "${LAB_NAME:-lab}" "$*" >&2; }
die()  { log "ERROR: $*"; exit 1; }

pid_file() { echo "$LAB_DIR/run/$1.pid"; }
log_file() { echo "$LAB_DIR/logs/$1.log"; }

# read_pid NAME -> prints the pid if the pid file exists and the process is alive
read_pid() {
  local f pid
  f="$(pid_file "$1")"
  [ -s "$f" ] || return 1
  pid="$(cat "$f")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  # guard against pid reuse: the process must still be ours (marker in its command line)
  if [ -n "${2:-}" ]; then
    tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$2" || return 1
  fi
  echo "$pid"
}

# port_open PORT [HOST] -> 0 when something accepts TCP connections there
port_open() {
  local port="$1" host="${2:-$LAB_HOST}"
  (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null
}

# wait_port PORT TIMEOUT_SECONDS [PID]  (fails early if PID dies)
wait_port() {
  local port="$1" timeout="$2" pid="${3:-}" i=0
  while ! port_open "$port"; do
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then return 1; fi
    i=$((i + 1))
    [ "$i" -le $((timeout * 5)) ] || return 1
    sleep 0.2
  done
}

# wait_until TIMEOUT_SECONDS CMD... -> retries CMD every 0.5 s
wait_until() {
  local timeout="$1" i=0
  shift
  until "$@" >/dev/null 2>&1; do
    i=$((i + 1))
    [ "$i" -le $((timeout * 2)) ] || return 1
    sleep 0.5
  done
}

# start_bg NAME USER CMD... -> runs CMD detached (own session), stdout/stderr appended to
# the log, writes the pid file, prints the pid. USER "" = current user; otherwise the
# command runs as USER via setpriv (which execs, so the pid is the server's own).
start_bg() {
  local name="$1" user="$2" log pid
  shift 2
  log="$(log_file "$name")"
  printf '\n===== %s start =====\n' "$(date -Is)" >> "$log"
  if [ -n "$user" ] && [ "$user" != "$(id -un)" ]; then
    # the log is opened here (as root), so USER needs no write access to logs/
    setsid setpriv --reuid="$user" --regid="$(id -g "$user")" --init-groups \
      env HOME="$(getent passwd "$user" | cut -d: -f6)" USER="$user" LOGNAME="$user" \
      "$@" >> "$log" 2>&1 < /dev/null &
  else
    setsid "$@" >> "$log" 2>&1 < /dev/null &
  fi
  pid=$!
  echo "$pid" > "$(pid_file "$name")"
  echo "$pid"
}

# stop_pid NAME [TIMEOUT_SECONDS] [MARKER] -> SIGTERM, wait, then SIGKILL
stop_pid() {
  local name="$1" timeout="${2:-30}" marker="${3:-}" pid i
  if ! pid="$(read_pid "$name" "$marker")"; then
    rm -f "$(pid_file "$name")"
    log "not running"
    return 0
  fi
  log "stopping pid $pid"
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 $((timeout * 5))); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "still alive after ${timeout}s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "$(pid_file "$name")"
  log "stopped"
}

# status_line NAME PORT MARKER [EXTRA] -> prints one line, returns 0 when up
status_line() {
  local name="$1" port="$2" marker="$3" extra="${4:-}" pid
  if pid="$(read_pid "$name" "$marker")" && port_open "$port"; then
    echo "$name: running pid=$pid $LAB_HOST:$port${extra:+ $extra}"
    return 0
  elif pid="$(read_pid "$name" "$marker")"; then
    echo "$name: starting/unhealthy pid=$pid, $LAB_HOST:$port not accepting connections"
    return 1
  fi
  echo "$name: stopped"
  return 1
}

# fail_with_log NAME MESSAGE -> prints the tail of the log, then dies
fail_with_log() {
  log "last lines of $(log_file "$1"):"
  tail -n 30 "$(log_file "$1")" >&2 || true
  die "$2"
}

# ensure_apt PKG... -> dies unless the packages are installed. Installing is
# lab/scripts/install.sh's job (`npm run lab -- install`): one apt-get run for the whole lab,
# never one per script (parallel starts collided on dpkg's lock on a fresh machine).
ensure_apt() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  die "Debian packages missing: ${missing[*]} — run: npm run lab -- install"
}

# disable_system_service NAME -> Debian packages start their own service on install;
# stop it so it cannot hold the files/ports we use (no-op without systemd/sysv)
disable_system_service() {
  local svc="$1"
  if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    systemctl disable --now "$svc" >/dev/null 2>&1 || true
  elif [ -x "/etc/init.d/$svc" ]; then
    "/etc/init.d/$svc" stop >/dev/null 2>&1 || true
  fi
}

lab_usage() {
  echo "usage: $0 install|start|stop|status${1:+|$1}" >&2
  exit 2
}
