#!/usr/bin/env bash
# Everything the lab needs, in one step (`npm run lab -- install`; `lab up` runs it first):
#   1. the Debian packages, in ONE apt-get run (parallel apt runs collide on dpkg's lock)
#   2. the Maven jars (Kafka, OpenSearch)
#   3. the Go builds (etcd, kwok, Kubernetes, metrics-server, helm v4, Jaeger)
# Idempotent (each part is cached and stamped) and safe to run twice at once: the whole run
# holds an exclusive lock on $LAB_DIR/run/install.lock, so a second install waits for the
# first and then finds everything cached. Nothing is started here.
#
#   lab/scripts/install.sh             install what is missing
#   lab/scripts/install.sh packages    print the Debian packages the lab needs, one a line
LAB_NAME=install
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# Every binary a lab script, exec wrapper (lab/exec-bin) or lab test calls, by package.
# kubectl: the machine's own when it has one, else Debian's kubernetes-client.
PACKAGES=(
  curl openssl ca-certificates procps util-linux   # curl/openssl in pods' exec, flock, setpriv, pgrep
  openjdk-17-jre-headless maven                     # Kafka and OpenSearch (Maven Central jars)
  redis-server redis-tools                          # redis.sh, redis-cli in redis-0
  clickhouse-server clickhouse-client               # clickhouse.sh, clickhouse-client in clickhouse-0
  postgresql postgresql-contrib                     # pipeline-db.sh, psql (pg_stat_statements)
  prometheus                                        # prometheus.sh
)
command -v kubectl >/dev/null 2>&1 || PACKAGES+=(kubernetes-client)

HELM_VERSION=v4.3.2

missing_packages() {
  local p
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}

install_packages() {
  local missing
  mapfile -t missing < <(missing_packages)
  if [ "${#missing[@]}" -eq 0 ]; then
    log "Debian packages: all ${#PACKAGES[@]} installed"
    return 0
  fi
  command -v apt-get >/dev/null || die "apt-get not found; install by hand: ${missing[*]}"
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # a fresh machine's package lists may be empty or stale: update once, then install
  apt-get update -q >&2
  nice -n 19 apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
  # the packages start their own instances (default ports); the lab runs its own
  local svc
  for svc in clickhouse-server redis-server prometheus prometheus-node-exporter; do
    disable_system_service "$svc"
  done
}

# The Go builds write into $LAB_DIR/bin; each is stamped with what it was built from.
go_build_env() { export GOTOOLCHAIN=local GOFLAGS="-buildvcs=false"; }

install_helm() {
  local bin="$LAB_DIR/bin/helm" stamp="$LAB_DIR/bin/.helm.stamp"
  if [ -x "$bin" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$HELM_VERSION" ]; then
    log "helm $HELM_VERSION: cached"
    return 0
  fi
  log "building helm $HELM_VERSION (helm.sh/helm/v4 from the Go module proxy)"
  rm -rf "$LAB_DIR/bin/.helm-build"
  mkdir -p "$LAB_DIR/bin/.helm-build"
  (go_build_env && GOBIN="$LAB_DIR/bin/.helm-build" nice -n 19 go install -trimpath \
    -ldflags "-s -w -X helm.sh/helm/v4/internal/version.version=$HELM_VERSION" \
    "helm.sh/helm/v4/cmd/helm@$HELM_VERSION") || die "building helm failed"
  mv -f "$LAB_DIR/bin/.helm-build/helm" "$bin"
  rm -rf "$LAB_DIR/bin/.helm-build"
  printf '%s' "$HELM_VERSION" > "$stamp"
}

# Jaeger all-in-one from lab/tracing/jaeger/go.mod; the stamp is the hash lab/cluster/jaeger.ts checks.
install_jaeger() {
  local src="$LAB_REPO_DIR/lab/tracing/jaeger" bin="$LAB_DIR/bin/jaeger-all-in-one"
  local stamp="$LAB_DIR/bin/.jaeger-all-in-one.stamp" want
  want="$(cat "$src/go.mod" "$src/go.sum" | sha256sum | cut -c1-16)"
  if [ -x "$bin" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
    log "jaeger all-in-one: cached"
    return 0
  fi
  log "building Jaeger all-in-one (lab/tracing/jaeger)"
  (cd "$src" && go_build_env && GOFLAGS="$GOFLAGS -mod=mod" nice -n 19 go build -o "$bin.tmp" \
    github.com/jaegertracing/jaeger/cmd/all-in-one) || die "building Jaeger failed"
  mv -f "$bin.tmp" "$bin"
  printf '%s' "$want" > "$stamp"
}

cmd_install() {
  lab_init
  mkdir -p "$LAB_DIR/bin"
  local t0=$SECONDS
  exec 9> "$LAB_DIR/run/install.lock"
  if ! flock -n 9; then
    log "another install is running: waiting for it"
    flock 9
  fi
  install_packages
  # the other data services' setup (users, configs, initdb) is their `start`'s: it touches
  # their live data directories, which must not happen under a running server
  log "Maven jars (Kafka, OpenSearch)"
  "$LAB_SCRIPTS_DIR/kafka.sh" install
  "$LAB_SCRIPTS_DIR/opensearch.sh" install
  log "Go builds (cached after the first)"
  bash "$LAB_SCRIPTS_DIR/kube.sh" install
  install_helm
  install_jaeger
  date -Is > "$LAB_DIR/run/installed"
  log "install done in $((SECONDS - t0)) s"
}

case "${1:-}" in
  ""|install) cmd_install ;;
  packages) printf '%s\n' "${PACKAGES[@]}" ;;
  *) echo "usage: $0 [install|packages]" >&2; exit 2 ;;
esac
