/**
 * enrichment-service: consumes `normalized-ticks` (group `enrichment-group`), adds
 * reference data (sector, currency, notional) fetched over mTLS from normalization-service,
 * runs data quality checks, and writes `market_ticks` rows to ClickHouse in small batches.
 * Serves /health and a keyed, rate-limited read API on :18081, metrics on :19091.
 *
 * Faults it reacts to: oom (an unbounded replay buffer grows until the pod's memory limit
 * kills it), slow-queries (a VWAP backfill query without a time bound). Bad prices coming
 * from the feed are flagged (metric + ERROR log) but still stored — the gap the runbook's
 * `WHERE price <= 0` query finds.
 */
import https from "node:https";
import { watchFaults } from "../core/fault-state.ts";
import { CA_CERT, certPaths } from "../core/certs.ts";
import { GROUPS, PORTS, TOPICS } from "../core/paths.ts";
import { startApiServer } from "./shared/api-server.ts";
import { createClickHouse } from "./shared/clickhouse.ts";
import { createKafka } from "./shared/kafka.ts";
import { onShutdown } from "./shared/lifecycle.ts";
import { createLogger } from "./shared/log.ts";
import { createPipelineMetrics, serveMetrics } from "./shared/metrics.ts";
import { createTracer } from "./shared/tracing.ts";
import { INSTRUMENTS, toClickHouseDateTime, type MarketTickRow, type NormalizedTick } from "./shared/ticks.ts";
import { loadCert, reportExpiry, type CertFiles } from "./shared/tls.ts";

const SERVICE = "enrichment-service";
const FLUSH_MS = 1_000;
const log = createLogger(SERVICE);
const metrics = createPipelineMetrics(SERVICE);
const startSpan = createTracer(SERVICE);
const exporter = serveMetrics(metrics, PORTS.enrichmentMetrics, log);
const clickhouse = createClickHouse(SERVICE);
const kafka = createKafka(SERVICE, log);
const consumer = kafka.consumer({ groupId: GROUPS.enrichment, sessionTimeout: 10_000, heartbeatInterval: 1_000 });

type Reference = Record<string, { sector: string; currency: string }>;
let reference: Reference = Object.fromEntries(Object.entries(INSTRUMENTS).map(([s, i]) => [s, { sector: i.sector, currency: i.currency }]));
let pending: MarketTickRow[] = [];
const latest = new Map<string, NormalizedTick & { notional: number; sector: string; currency: string }>();
let consuming = false;
let clickhouseOk = true;
let faults = new Set<string>();
const replayBuffer: Buffer[] = []; // only grows under the oom fault

function checkQuality(tick: NormalizedTick): string | null {
  if (tick.price <= 0) return "price_positive";
  if (tick.volume <= 0) return "volume_positive";
  if (Date.now() - tick.ts > 5 * 60_000) return "stale_tick";
  return null;
}

async function handle(tick: NormalizedTick) {
  const failed = checkQuality(tick);
  if (failed) {
    metrics.quality.inc({ check: failed });
    log.error("data quality check failed", { check: failed, symbol: tick.symbol, price: tick.price, source: tick.source });
  }
  const ref = reference[tick.symbol];
  latest.set(tick.symbol, { ...tick, notional: tick.price * tick.volume, sector: ref?.sector ?? "unknown", currency: ref?.currency ?? "USD" });
  pending.push({ symbol: tick.symbol, price: tick.price, volume: tick.volume, ts: toClickHouseDateTime(tick.ts), source: tick.source });
  if (faults.has("oom")) {
    // the replay buffer keeps every enriched batch "for late consumers" and is never trimmed
    replayBuffer.push(Buffer.alloc(256 * 1024, 1));
  }
}

async function flush() {
  if (pending.length === 0) return;
  const rows = pending;
  pending = [];
  try {
    await clickhouse.insert({ table: "market_ticks", values: rows, format: "JSONEachRow", columns: ["symbol", "price", "volume", "ts", "source"] });
    if (!clickhouseOk) log.info("ClickHouse writes recovered");
    clickhouseOk = true;
    metrics.processed.inc({ topic: TOPICS.normalizedTicks }, rows.length);
  } catch (error) {
    clickhouseOk = false;
    metrics.errors.inc({ type: "clickhouse_insert" }, rows.length);
    log.error("failed to write market_ticks batch to ClickHouse", { rows: rows.length, error });
    if (pending.length < 50_000) pending = rows.concat(pending); // retry with the next flush
  }
}

/** Reference data from normalization-service over mTLS; on failure keeps the last copy. */
function refreshReference(): Promise<void> {
  const files: CertFiles = { ...certPaths(SERVICE, "client"), ca: CA_CERT };
  return new Promise((resolve) => {
    const req = https.request(
      { host: "127.0.0.1", port: PORTS.normalizationTls, path: "/v1/rules", servername: "normalization-service", ...loadCert(files), timeout: 3_000 },
      (res) => {
        let body = "";
        res.on("data", (c: Buffer) => (body += c.toString()));
        res.on("end", () => {
          try {
            reference = (JSON.parse(body) as { rules: Reference }).rules;
          } catch {
            // keep the previous reference data
          }
          resolve();
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", (error: NodeJS.ErrnoException) => {
      const tlsFailure = /certificate|CERT_|SSL|TLS|alert/i.test(`${error.code} ${error.message}`);
      if (tlsFailure) {
        metrics.tlsHandshakeErrors.inc({ side: "client", reason: error.code ?? "handshake_failed" });
        log.error("TLS handshake with normalization-service failed; using cached reference data", { peer: `normalization-service:${PORTS.normalizationTls}`, code: error.code, error: error.message });
      } else if (error.code !== "ECONNREFUSED") {
        log.warn("reference data refresh failed", { error: error.message });
      }
      resolve();
    });
    req.end();
  });
}

/** Periodic VWAP refresh; under the slow-queries fault the backfill variant runs instead. */
async function vwapRefresh() {
  const query = faults.has("slow-queries")
    ? // sleep() stands in for reading months of cold parts: the lab table is small and the
      // machine has 2 cores, but the query's shape (no time bound, full scan) is the bug
      "SELECT /* enrichment-service vwap backfill */ symbol, sum(price * volume) / sum(volume) AS vwap, count() AS n, max(sleep(2.5)) AS _ FROM market_ticks GROUP BY symbol"
    : "SELECT /* enrichment-service vwap */ symbol, sum(price * volume) / sum(volume) AS vwap FROM market_ticks WHERE event_date = today() AND ts > now() - 60 GROUP BY symbol";
  try {
    const started = Date.now();
    await (await clickhouse.query({ query, format: "JSONEachRow" })).json();
    const ms = Date.now() - started;
    if (ms > 1_000) log.warn("slow ClickHouse query", { query: "vwap backfill", duration_ms: ms });
  } catch (error) {
    log.error("VWAP refresh query failed", { error });
  }
}

consumer.on(consumer.events.CRASH, ({ payload }) => {
  consuming = false;
  log.error("Kafka consumer crashed", { error: payload.error, restart: payload.restart });
  if (!payload.restart) process.exit(1);
});
consumer.on(consumer.events.GROUP_JOIN, () => (consuming = true));

watchFaults((active) => {
  faults = active;
  if (!active.has("oom") && replayBuffer.length) replayBuffer.length = 0;
});

async function main() {
  reportExpiry({ ...certPaths(SERVICE, "client"), ca: CA_CERT }, log);
  await consumer.connect();
  await consumer.subscribe({ topic: TOPICS.normalizedTicks, fromBeginning: false });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const end = metrics.duration.startTimer();
      const endSpan = startSpan(`process ${TOPICS.normalizedTicks}`, { "messaging.kafka.offset": message.offset });
      let failure: unknown;
      try {
        await handle(JSON.parse(message.value?.toString() ?? "null") as NormalizedTick);
      } catch (error) {
        failure = error;
        metrics.errors.inc({ type: "enrich" });
        log.error("failed to enrich tick", { offset: message.offset, error });
      } finally {
        end();
        endSpan(failure);
      }
    },
  });
  consuming = true;
  log.info("consuming", { topic: TOPICS.normalizedTicks, group: GROUPS.enrichment, output: "clickhouse:market_ticks" });
}

const flushTimer = setInterval(() => void flush(), FLUSH_MS);
const referenceTimer = setInterval(() => void refreshReference(), 5_000);
let vwapRunning = false;
const vwapTimer = setInterval(() => {
  if (vwapRunning) return;
  vwapRunning = true;
  void vwapRefresh().finally(() => (vwapRunning = false));
}, 3_000);
void refreshReference();

const api = startApiServer({
  service: SERVICE,
  port: PORTS.enrichmentHttp,
  log,
  metrics,
  health: () => ({ status: consuming && clickhouseOk ? "ok" : "degraded", kafka: consuming ? "consuming" : "not consuming", clickhouse: clickhouseOk ? "ok" : "failing", pending_rows: pending.length }),
  routes: {
    "/v1/ticks/latest": (url) => {
      const symbol = url.searchParams.get("symbol")?.toUpperCase();
      return symbol ? (latest.get(symbol) ?? null) : Object.fromEntries(latest);
    },
  },
});

onShutdown(log, async () => {
  clearInterval(flushTimer);
  clearInterval(referenceTimer);
  clearInterval(vwapTimer);
  await consumer.disconnect();
  await flush();
  await api.close();
  exporter.close();
  await clickhouse.close();
});

log.info("starting", { input: TOPICS.normalizedTicks, group: GROUPS.enrichment });
main().catch((error) => {
  log.fatal("could not start", { error });
  process.exit(1);
});
