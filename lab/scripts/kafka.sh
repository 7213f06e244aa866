#!/usr/bin/env bash
# Kafka 3.9 (KRaft, single combined broker+controller) from Maven Central jars.
#   lab/scripts/kafka.sh install|start|stop|status
#   lab/scripts/kafka.sh tool <class|alias> <args...>   run an admin tool from the same jars
# Broker 127.0.0.1:59092, controller 127.0.0.1:59093. Topic market-data (3 partitions) after start.
LAB_NAME=kafka
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

KAFKA_BROKER_PORT="${KAFKA_BROKER_PORT:-59092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-59093}"
KAFKA_BOOTSTRAP="$LAB_HOST:$KAFKA_BROKER_PORT"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx1g}"
KAFKA_TOPICS="${KAFKA_TOPICS:-market-data:3}"   # name:partitions, space separated

SRC="$LAB_DATA_DIR/kafka"
HOME_DIR="$LAB_DIR/kafka"
LIBS="$HOME_DIR/libs"
CONF_DIR="$HOME_DIR/config"
DATA="$HOME_DIR/data"
MARKER="kafka.Kafka $CONF_DIR/server.properties"   # identifies our broker in /proc/<pid>/cmdline

need_java() { command -v java >/dev/null || die "java not found (need Java 17: apt-get install openjdk-17-jre-headless)"; }

pom_hash() { sha256sum "$SRC/pom.xml" | cut -c1-16; }

install_libs() {
  local stamp
  stamp="$LIBS/.pom-$(pom_hash)"
  if [ -f "$stamp" ]; then
    log "jars cached in $LIBS ($(ls "$LIBS"/*.jar | wc -l) jars)"
    return 0
  fi
  command -v mvn >/dev/null || ensure_apt maven   # dies: install.sh installs it
  log "resolving Kafka jars with Maven into $LIBS"
  rm -rf "$LIBS.tmp"
  nice -n 19 mvn -B -q -Dstyle.color=never -f "$SRC/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$LIBS.tmp" >&2 \
    || die "maven dependency:copy-dependencies failed"
  rm -rf "$LIBS"
  mv "$LIBS.tmp" "$LIBS"
  touch "$stamp"
  log "$(ls "$LIBS"/*.jar | wc -l) jars in $LIBS"
}

write_config() {
  mkdir -p "$CONF_DIR" "$DATA" "$HOME_DIR/logs"
  sed -e "s#@BROKER_PORT@#$KAFKA_BROKER_PORT#g" \
      -e "s#@CONTROLLER_PORT@#$KAFKA_CONTROLLER_PORT#g" \
      -e "s#@DATA_DIR@#$DATA#g" \
      "$SRC/server.properties.template" > "$CONF_DIR/server.properties.new"
  mv "$CONF_DIR/server.properties.new" "$CONF_DIR/server.properties"
  cp "$SRC/log4j.properties" "$CONF_DIR/log4j.properties"
  cp "$SRC/tools-log4j.properties" "$CONF_DIR/tools-log4j.properties"
}

java_run() { # java_run <log4j config> <main class> args...   (set JAVA_EXEC=exec to replace the shell)
  local l4j="$1"
  shift
  ${JAVA_EXEC:-} java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto \
    -Dlog4j.configuration="file:$l4j" -Dkafka.logs.dir="$HOME_DIR/logs" \
    -cp "$LIBS/*" "$@"
}

format_storage() {
  if [ -f "$DATA/meta.properties" ]; then
    return 0
  fi
  local id
  if [ -s "$HOME_DIR/cluster-id" ]; then
    id="$(cat "$HOME_DIR/cluster-id")"
  else
    id="$(java_run "$CONF_DIR/tools-log4j.properties" kafka.tools.StorageTool random-uuid | tail -n1)"
    [ -n "$id" ] || die "StorageTool random-uuid printed nothing"
    echo "$id" > "$HOME_DIR/cluster-id"
  fi
  log "formatting $DATA (cluster id $id, --standalone)"
  java_run "$CONF_DIR/tools-log4j.properties" kafka.tools.StorageTool format \
    -t "$id" -c "$CONF_DIR/server.properties" --standalone --ignore-formatted >&2 \
    || die "StorageTool format failed"
}

cmd_install() {
  lab_init
  need_java
  install_libs
  write_config
  format_storage
  log "installed (Kafka $(kafka_version))"
}

# start's setup: config and storage only; the jars come from install (npm run lab -- install)
cmd_setup() {
  lab_init
  need_java
  [ -f "$LIBS/.pom-$(pom_hash)" ] || die "Kafka jars not installed: run npm run lab -- install"
  write_config
  format_storage
}

kafka_version() {
  local j
  j="$(ls "$LIBS"/kafka_2.13-*.jar 2>/dev/null | head -n1)"
  j="${j##*/kafka_2.13-}"
  echo "${j%.jar}"
}

# class aliases: the distribution's script names, and the pre-3.7 Scala class names
resolve_tool() {
  case "$1" in
    kafka-topics|kafka-topics.sh|kafka.admin.TopicCommand) echo org.apache.kafka.tools.TopicCommand ;;
    kafka-consumer-groups|kafka-consumer-groups.sh|kafka.admin.ConsumerGroupCommand)
      echo org.apache.kafka.tools.consumer.group.ConsumerGroupCommand ;;
    kafka-log-dirs|kafka-log-dirs.sh|kafka.admin.LogDirsCommand) echo org.apache.kafka.tools.LogDirsCommand ;;
    kafka-broker-api-versions|kafka-broker-api-versions.sh) echo kafka.admin.BrokerApiVersionsCommand ;;
    kafka-configs|kafka-configs.sh) echo kafka.admin.ConfigCommand ;;
    kafka-console-producer|kafka-console-producer.sh) echo kafka.tools.ConsoleProducer ;;
    kafka-console-consumer|kafka-console-consumer.sh|kafka.tools.ConsoleConsumer)
      echo org.apache.kafka.tools.consumer.ConsoleConsumer ;;
    kafka-get-offsets|kafka-get-offsets.sh|kafka.tools.GetOffsetShell) echo org.apache.kafka.tools.GetOffsetShell ;;
    kafka-metadata-quorum|kafka-metadata-quorum.sh) echo org.apache.kafka.tools.MetadataQuorumCommand ;;
    kafka-storage|kafka-storage.sh) echo kafka.tools.StorageTool ;;
    *) echo "$1" ;;
  esac
}

cmd_tool() {
  [ $# -ge 1 ] || die "usage: kafka.sh tool <class|alias> <args...>  (aliases: kafka-topics, kafka-consumer-groups, kafka-log-dirs, kafka-broker-api-versions, kafka-configs, kafka-console-producer, kafka-console-consumer, kafka-get-offsets, kafka-metadata-quorum, kafka-storage)"
  [ -d "$LIBS" ] || die "not installed: run $0 install"
  local cls
  cls="$(resolve_tool "$1")"
  shift
  [ -f "$CONF_DIR/tools-log4j.properties" ] || write_config
  # exec: signals (Ctrl-C, timeout) reach the JVM directly
  JAVA_EXEC="exec" java_run "$CONF_DIR/tools-log4j.properties" "$cls" "$@"
}

broker_ready() {
  java_run "$CONF_DIR/tools-log4j.properties" kafka.admin.BrokerApiVersionsCommand \
    --bootstrap-server "$KAFKA_BOOTSTRAP" >/dev/null 2>&1
}

ensure_topics() {
  local spec name parts existing
  existing="$(java_run "$CONF_DIR/tools-log4j.properties" org.apache.kafka.tools.TopicCommand \
    --bootstrap-server "$KAFKA_BOOTSTRAP" --list 2>/dev/null)" || die "cannot list topics"
  for spec in $KAFKA_TOPICS; do
    name="${spec%%:*}"
    parts="${spec##*:}"
    if grep -qx -- "$name" <<<"$existing"; then
      continue
    fi
    log "creating topic $name ($parts partitions)"
    java_run "$CONF_DIR/tools-log4j.properties" org.apache.kafka.tools.TopicCommand \
      --bootstrap-server "$KAFKA_BOOTSTRAP" --create --if-not-exists --topic "$name" \
      --partitions "$parts" --replication-factor 1 >&2 || die "cannot create topic $name"
  done
}

cmd_start() {
  lab_init
  local pid
  if pid="$(read_pid kafka "$MARKER")"; then
    log "already running (pid $pid)"
    return 0
  fi
  cmd_setup
  if port_open "$KAFKA_BROKER_PORT" || port_open "$KAFKA_CONTROLLER_PORT"; then
    die "port $KAFKA_BROKER_PORT or $KAFKA_CONTROLLER_PORT already in use by another process"
  fi
  log "starting broker on $KAFKA_BOOTSTRAP (controller :$KAFKA_CONTROLLER_PORT)"
  # shellcheck disable=SC2086
  pid="$(start_bg kafka "" java $KAFKA_HEAP_OPTS -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -Djava.awt.headless=true -Dlog4j.configuration="file:$CONF_DIR/log4j.properties" \
    -Dkafka.logs.dir="$HOME_DIR/logs" -cp "$LIBS/*" kafka.Kafka "$CONF_DIR/server.properties")"
  wait_port "$KAFKA_BROKER_PORT" 90 "$pid" || fail_with_log kafka "broker did not open $KAFKA_BOOTSTRAP"
  wait_until 60 broker_ready || fail_with_log kafka "broker not answering ApiVersions"
  ensure_topics
  log "ready: $KAFKA_BOOTSTRAP (pid $pid)"
}

cmd_stop() {
  stop_pid kafka 60 "$MARKER"
}

cmd_status() {
  status_line kafka "$KAFKA_BROKER_PORT" "$MARKER" "controller=$LAB_HOST:$KAFKA_CONTROLLER_PORT version=$(kafka_version)"
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  tool) shift; cmd_tool "$@" ;;
  *) lab_usage tool ;;
esac
