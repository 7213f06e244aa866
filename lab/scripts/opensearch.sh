#!/usr/bin/env bash
# OpenSearch 2.19 (the lab's Elasticsearch: pod elasticsearch-0, Jaeger's span storage) from
# Maven Central jars, laid out as the distribution does (lib/, modules/transport-netty4/, config/).
#   lab/scripts/opensearch.sh install|start|stop|status
# HTTP 127.0.0.1:59200 (the runbook's localhost:9200 inside elasticsearch-0), transport :59300.
# Small heap, niced: the lab machine runs a lot besides.
LAB_NAME=opensearch
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

OS_HTTP_PORT="${OS_HTTP_PORT:-59200}"
OS_TRANSPORT_PORT="${OS_TRANSPORT_PORT:-59300}"
OS_HEAP="${OS_HEAP:-384m}"
OS_OS_USER="${OS_OS_USER:-opensearch}"   # OpenSearch refuses to run as root

SRC="$LAB_DATA_DIR/opensearch"
HOME_DIR="$LAB_DIR/opensearch"
LIBS="$HOME_DIR/lib"
MODULE="$HOME_DIR/modules/transport-netty4"
CONF_DIR="$HOME_DIR/config"
DATA="$HOME_DIR/data"
OS_LOG_DIR="$HOME_DIR/logs"
MARKER="-Dopensearch.path.home=$HOME_DIR"   # identifies our node in /proc/<pid>/cmdline
URL="http://$LAB_HOST:$OS_HTTP_PORT"

stamp() { cat "$SRC/pom.xml" "$SRC/plugin-descriptor.properties" "$SRC/plugin-security.policy" | sha256sum | cut -c1-16; }
os_version() { sed -n 's#.*<opensearch.version>\(.*\)</opensearch.version>.*#\1#p' "$SRC/pom.xml"; }

install_jars() {
  local want
  want="$HOME_DIR/.installed-$(stamp)"
  if [ -f "$want" ]; then
    log "jars cached in $HOME_DIR ($(ls "$LIBS"/*.jar | wc -l) server jars)"
    return 0
  fi
  command -v mvn >/dev/null || ensure_apt maven   # dies: install.sh installs it
  log "resolving OpenSearch $(os_version) jars with Maven"
  rm -rf "$HOME_DIR/lib.tmp" "$HOME_DIR/module.tmp"
  nice -n 19 mvn -B -q -Dstyle.color=never -f "$SRC/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$HOME_DIR/lib.tmp" >&2 || die "maven (server jars) failed"
  nice -n 19 mvn -B -q -Dstyle.color=never -f "$SRC/pom.xml" -P 'module,!server' dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$HOME_DIR/module.tmp" >&2 || die "maven (transport-netty4) failed"
  sed "s#@VERSION@#$(os_version)#g" "$SRC/plugin-descriptor.properties" > "$HOME_DIR/module.tmp/plugin-descriptor.properties"
  cp "$SRC/plugin-security.policy" "$HOME_DIR/module.tmp/"
  rm -rf "$LIBS" "$MODULE" "$HOME_DIR"/.installed-*
  mkdir -p "$(dirname "$MODULE")"
  mv "$HOME_DIR/lib.tmp" "$LIBS"
  mv "$HOME_DIR/module.tmp" "$MODULE"
  touch "$want"
}

write_config() {
  # bin/ and plugins/ stay empty; the node insists they exist
  mkdir -p "$CONF_DIR" "$DATA" "$OS_LOG_DIR" "$HOME_DIR/bin" "$HOME_DIR/plugins" "$HOME_DIR/tmp"
  sed -e "s#@HTTP_PORT@#$OS_HTTP_PORT#g" -e "s#@TRANSPORT_PORT@#$OS_TRANSPORT_PORT#g" \
      -e "s#@DATA_DIR@#$DATA#g" -e "s#@LOG_DIR@#$OS_LOG_DIR#g" \
      "$SRC/opensearch.yml.template" > "$CONF_DIR/opensearch.yml.new"
  mv "$CONF_DIR/opensearch.yml.new" "$CONF_DIR/opensearch.yml"
  cp "$SRC/log4j2.properties" "$CONF_DIR/log4j2.properties"
  # the node writes its data, logs, temp files and a keystore next to its config
  chown -R "$OS_OS_USER:" "$CONF_DIR" "$DATA" "$OS_LOG_DIR" "$HOME_DIR/tmp"
}

cmd_install() {
  lab_init
  command -v java >/dev/null || die "java not found: run npm run lab -- install"
  install_jars
  id "$OS_OS_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$OS_OS_USER"
  log "installed (OpenSearch $(os_version))"
}

healthy() { curl -sf --max-time 3 "$URL/_cluster/health" >/dev/null; }

cmd_start() {
  lab_init
  local pid
  if pid="$(read_pid opensearch "$MARKER")"; then
    log "already running (pid $pid)"
    return 0
  fi
  [ -f "$HOME_DIR/.installed-$(stamp)" ] || die "OpenSearch jars not installed: run npm run lab -- install"
  id "$OS_OS_USER" >/dev/null 2>&1 || die "OS user $OS_OS_USER missing: run npm run lab -- install"
  write_config
  if port_open "$OS_HTTP_PORT" || port_open "$OS_TRANSPORT_PORT"; then
    die "port $OS_HTTP_PORT or $OS_TRANSPORT_PORT already in use by another process"
  fi
  log "starting OpenSearch $(os_version) on $URL (heap $OS_HEAP)"
  # The distribution's launcher would read config/jvm.options; these are its essentials with
  # a small heap. `nice`: the lab's 2 cores serve the pipeline first.
  pid="$(start_bg opensearch "$OS_OS_USER" nice -n 10 java -Xms"$OS_HEAP" -Xmx"$OS_HEAP" -XX:+UseSerialGC \
    -XX:TieredStopAtLevel=1 -Xss1m -Djava.awt.headless=true -Dfile.encoding=UTF-8 \
    -Djna.nosys=true -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true \
    -Dio.netty.recycler.maxCapacityPerThread=0 -Dlog4j.shutdownHookEnabled=false \
    -Dlog4j2.disable.jmx=true -Djava.locale.providers=SPI,COMPAT -Djava.io.tmpdir="$HOME_DIR/tmp" \
    -Dopensearch.path.home="$HOME_DIR" -Dopensearch.path.conf="$CONF_DIR" \
    -Dopensearch.distribution.type=tar -Dopensearch.bundled_jdk=false \
    -cp "$LIBS/*" org.opensearch.bootstrap.OpenSearch)"
  wait_port "$OS_HTTP_PORT" 120 "$pid" || fail_with_log opensearch "OpenSearch did not open $URL"
  wait_until 60 healthy || fail_with_log opensearch "OpenSearch not answering /_cluster/health"
  log "ready: $URL (pid $pid)"
}

cmd_stop() {
  stop_pid opensearch 30 "$MARKER"
}

cmd_status() {
  status_line opensearch "$OS_HTTP_PORT" "$MARKER" "version=$(os_version)"
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) lab_usage ;;
esac
