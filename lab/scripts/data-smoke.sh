#!/usr/bin/env bash
# Starts every lab data service and checks each with the equivalent of the runbook's commands.
#   lab/scripts/data-smoke.sh [--with-clients]
# --with-clients also runs the Node client checks (kafkajs 2.2.4, @clickhouse/client), installing
# them into temp prefixes (KAFKAJS_PREFIX=/tmp/kjs, CHC_PREFIX=/tmp/chc) — never into the repo.
# Prints one line per check and a closing "N passed, M failed"; exits non-zero if any failed.
LAB_NAME=data-smoke
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
set +e   # collect every failure instead of stopping at the first

S="$LAB_SCRIPTS_DIR"
WITH_CLIENTS=0
[ "${1:-}" = "--with-clients" ] && WITH_CLIENTS=1
PASSED=0
FAILED=0
FAILURES=()

check() { # check NAME CMD... (CMD prints details; exit code decides)
  local name="$1" out rc t0 ms
  shift
  t0=$(date +%s%N)
  out="$("$@" 2>&1)"
  rc=$?
  ms=$((($(date +%s%N) - t0) / 1000000))
  if [ $rc -eq 0 ]; then
    PASSED=$((PASSED + 1))
    printf 'PASS  %-34s %6sms  %s\n' "$name" "$ms" "$(tail -n1 <<<"$out" | cut -c1-110)"
  else
    FAILED=$((FAILED + 1))
    FAILURES+=("$name")
    printf 'FAIL  %-34s %6sms  (exit %s)\n' "$name" "$ms" "$rc"
    sed 's/^/      | /' <<<"$out" | tail -n 15
  fi
}

lab_init
SMOKE_LOG="$LAB_DIR/logs/data-smoke.log"
: > "$SMOKE_LOG"

# ---- start everything (each start is a no-op when already running)
for c in kafka clickhouse redis prometheus pipeline-db; do
  check "start $c" sh -c "'$S/$c.sh' start >>'$SMOKE_LOG' 2>&1 && '$S/$c.sh' status"
done

# ---- Kafka: kafka-topics / kafka-consumer-groups from the same jars
BOOT=127.0.0.1:59092
kafka_topic() {
  local out
  out="$("$S/kafka.sh" tool kafka-topics --bootstrap-server $BOOT --describe --topic market-data)" || return 1
  echo "$out" | head -n1
  [ "$(grep -c 'Partition:' <<<"$out")" -eq 3 ]
}
kafka_group() {
  local out
  out="$("$S/kafka.sh" tool kafka-consumer-groups --bootstrap-server $BOOT --describe --group normalization-group 2>&1)" || return 1
  if grep -q "does not exist" <<<"$out"; then
    # first run: create the group the way a consumer would (one message in, one out)
    echo "lab-smoke $(date -Is)" | "$S/kafka.sh" tool kafka-console-producer --bootstrap-server $BOOT --topic market-data >/dev/null || return 1
    "$S/kafka.sh" tool kafka-console-consumer --bootstrap-server $BOOT --topic market-data \
      --group normalization-group --from-beginning --max-messages 1 --timeout-ms 20000 >/dev/null || return 1
    out="$("$S/kafka.sh" tool kafka-consumer-groups --bootstrap-server $BOOT --describe --group normalization-group 2>&1)" || return 1
  fi
  echo "$out"
  grep -q "^normalization-group *market-data" <<<"$out" || return 1
  echo "normalization-group: $(grep -c '^normalization-group *market-data' <<<"$out") partition row(s), total lag $(awk '$1=="normalization-group"&&$2=="market-data"&&$6~/^[0-9]+$/{s+=$6} END{print s+0}' <<<"$out")"
}
check "kafka topic market-data (3 parts)" kafka_topic
check "kafka consumer-groups --describe" kafka_group

# ---- ClickHouse over HTTP
ch_count() {
  local n
  n="$(curl -sS --fail --max-time 10 http://127.0.0.1:58123/ --data-binary 'SELECT count() FROM market_ticks')" || return 1
  echo "market_ticks count() = $n"
  [[ "$n" =~ ^[0-9]+$ ]]
}
ch_wrong_password() {
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' -u console:definitely-wrong http://127.0.0.1:58123/ --data-binary 'SELECT 1')"
  echo "user console with a wrong password -> HTTP $code"
  [ "$code" = 401 ]
}
ch_query_log() {
  local n i
  for i in $(seq 1 10); do   # the table appears with the first flush (1 s in the lab config)
    n="$(curl -s --max-time 10 http://127.0.0.1:58123/ --data-binary 'SELECT count() FROM system.query_log WHERE type = 2')"
    if [[ "$n" =~ ^[0-9]+$ ]] && [ "$n" -gt 0 ]; then
      echo "system.query_log finished queries = $n"
      return 0
    fi
    sleep 1
  done
  echo "$n"
  return 1
}
check "clickhouse SELECT count()" ch_count
check "clickhouse wrong password -> 401" ch_wrong_password
check "clickhouse system.query_log" ch_query_log

# ---- Redis
redis_ping() {
  local r
  r="$(redis-cli -h 127.0.0.1 -p 56379 PING)"
  echo "PING -> $r"
  [ "$r" = PONG ]
}
check "redis-cli PING" redis_ping

# ---- Prometheus
prom_targets() {
  local i out
  for i in $(seq 1 20); do   # the first scrape happens up to scrape_interval (5 s) after start
    out="$(curl -sS --fail --max-time 5 http://127.0.0.1:59090/api/v1/targets)" || return 1
    if python3 - "$out" <<'PY'
import json, sys
d = json.loads(sys.argv[1])
t = {x["labels"]["job"]: x["health"] for x in d["data"]["activeTargets"]}
print("targets: " + ", ".join(f"{k}={v}" for k, v in sorted(t.items())))
sys.exit(0 if d["status"] == "success" and t.get("prometheus") == "up"
         and {"normalization-service", "enrichment-service"} <= set(t) else 1)
PY
    then return 0; fi
    sleep 1
  done
  return 1
}
prom_up() {
  local out
  out="$(curl -sS --fail --max-time 5 'http://127.0.0.1:59090/api/v1/query?query=up')" || return 1
  python3 -c 'import json,sys; d=json.loads(sys.argv[1]); r=d["data"]["result"]; print("up: "+", ".join(x["metric"]["job"]+"="+x["value"][1] for x in r)); sys.exit(0 if d["status"]=="success" and r else 1)' "$out"
}
check "prometheus /api/v1/targets" prom_targets
check "prometheus /api/v1/query?query=up" prom_up

# ---- Pipeline PostgreSQL: psql -U user -d db
pg_keys() {
  local n
  n="$(PGPASSWORD=pipeline psql -X -h 127.0.0.1 -p 55432 -U user -d db -Atc 'SELECT count(*) FROM api_keys')" || return 1
  echo "api_keys rows = $n"
  [ "${n:-0}" -ge 1 ]
}
pg_stats() {
  PGPASSWORD=pipeline psql -X -h 127.0.0.1 -p 55432 -U user -d db -Atc \
    'SELECT count(*) FROM (SELECT * FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 10) s' \
    | sed 's/^/pg_stat_statements top-10 rows = /'
  [ "${PIPESTATUS[0]}" -eq 0 ]
}
check "psql -U user -d db api_keys" pg_keys
check "pg_stat_statements top 10" pg_stats

# ---- optional: the Node clients the console uses
if [ "$WITH_CLIENTS" = 1 ]; then
  KJS="${KAFKAJS_PREFIX:-/tmp/kjs}"
  CHC="${CHC_PREFIX:-/tmp/chc}"
  [ -d "$KJS/node_modules/kafkajs" ] || npm install --silent --no-audit --no-fund --prefix "$KJS" kafkajs@2.2.4 >>"$SMOKE_LOG" 2>&1
  [ -d "$CHC/node_modules/@clickhouse/client" ] || npm install --silent --no-audit --no-fund --prefix "$CHC" @clickhouse/client >>"$SMOKE_LOG" 2>&1
  check "kafkajs 2.2.4 produce/consume/lag" env KAFKAJS_PREFIX="$KJS" node "$LAB_DATA_DIR/kafka/kafkajs-check.mjs"
  check "@clickhouse/client vs 18.16" env CHC_PREFIX="$CHC" node "$LAB_DATA_DIR/clickhouse/client-check.mjs"
fi

echo
[ "$FAILED" -eq 0 ] || echo "failed: ${FAILURES[*]} (start logs: $SMOKE_LOG, $LAB_DIR/logs/)"
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
