/**
 * normalization-service: consumes vendor ticks from `market-data` (group
 * `normalization-group`), turns them into typed canonical ticks and publishes them to
 * `normalized-ticks`. Serves /health and a keyed read API on :18080, Prometheus metrics on
 * :19090, and the normalization rules over mTLS on :18443 (enrichment-service's client).
 *
 * Faults it reacts to (lab/faults): crashloop (config error → exits non-zero at start),
 * consumer-stall (consumption paused while the group stays joined: lag grows),
 * latency (occasional slow normalizations: p99 jumps), target-down (exporter port closed).
 * consumer-stall and target-down end with the process (a restart clears them).
 */
import https from "node:https";
import type { TLSSocket } from "node:tls";
import { watchFaults, isFaultActive, setFault } from "../core/fault-state.ts";
import { CA_CERT, certPaths } from "../core/certs.ts";
import { GROUPS, PORTS, TOPICS } from "../core/paths.ts";
import { startApiServer } from "./shared/api-server.ts";
import { createKafka } from "./shared/kafka.ts";
import { onShutdown } from "./shared/lifecycle.ts";
import { createLogger } from "./shared/log.ts";
import { createPipelineMetrics, serveMetrics } from "./shared/metrics.ts";
import { createTracer } from "./shared/tracing.ts";
import { INSTRUMENTS, type NormalizedTick, type RawTick } from "./shared/ticks.ts";
import { loadCert, reportExpiry, watchCert, type CertFiles } from "./shared/tls.ts";

const SERVICE = "normalization-service";
const log = createLogger(SERVICE);

// A bad configuration fails at start, as it would in the real service (crashloop fault).
if (isFaultActive("crashloop")) {
  log.fatal("invalid configuration: normalization.rules.symbolMap references unknown venue 'XEEE'; refusing to start", { config: "/etc/normalization/config.yaml" });
  process.exit(1);
}

// A paused consumer and a stopped exporter are states of the running process, not of its
// configuration: a fresh process (rollout restart, deleted pod) starts without them, so the
// runbook's "restart the service" clears them here as it would in production.
for (const name of ["consumer-stall", "target-down"]) if (isFaultActive(name)) setFault(name, false);

const metrics = createPipelineMetrics(SERVICE);
const startSpan = createTracer(SERVICE);
const exporter = serveMetrics(metrics, PORTS.normalizationMetrics, log);
const kafka = createKafka(SERVICE, log);
const consumer = kafka.consumer({ groupId: GROUPS.normalization, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
const producer = kafka.producer({ allowAutoTopicCreation: false });
const latest = new Map<string, NormalizedTick>();
let consuming = false;
let stalled = false;
let slow = false;

function normalize(raw: RawTick): NormalizedTick {
  const symbol = raw.sym?.trim().toUpperCase();
  if (!symbol || !(symbol in INSTRUMENTS)) throw new Error(`unknown symbol ${JSON.stringify(raw.sym)}`);
  const price = Number(raw.px);
  // Only the shape is checked here; price plausibility is enrichment's data quality check.
  if (!Number.isFinite(price)) throw new Error(`price is not a number: ${JSON.stringify(raw.px)}`);
  if (!Number.isFinite(raw.qty) || !Number.isFinite(raw.ts)) throw new Error("qty/ts missing");
  return { symbol, price, volume: raw.qty, ts: raw.ts, source: raw.venue.toLowerCase() };
}

async function startConsumer() {
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topic: TOPICS.marketData, fromBeginning: false });
  await consumer.run({
    partitionsConsumedConcurrently: 3,
    eachMessage: async ({ message }) => {
      const end = metrics.duration.startTimer();
      const endSpan = startSpan(`process ${TOPICS.marketData}`, { "messaging.kafka.offset": message.offset });
      let failure: unknown;
      try {
        const tick = normalize(JSON.parse(message.value?.toString() ?? "null") as RawTick);
        if (slow && Math.random() < 0.04) {
          // latency fault: a slow path (reference lookups timing out) hits a few messages
          await new Promise((r) => setTimeout(r, 300 + Math.random() * 500));
        }
        await producer.send({ topic: TOPICS.normalizedTicks, messages: [{ key: tick.symbol, value: JSON.stringify(tick) }] });
        latest.set(tick.symbol, tick);
        metrics.processed.inc({ topic: TOPICS.marketData });
      } catch (error) {
        failure = error;
        metrics.errors.inc({ type: "normalize" });
        metrics.quality.inc({ check: "schema" });
        log.error("failed to normalize tick", { offset: message.offset, error });
      } finally {
        end();
        endSpan(failure);
      }
    },
  });
  consuming = true;
  log.info("consuming", { topic: TOPICS.marketData, group: GROUPS.normalization, output: TOPICS.normalizedTicks });
}

consumer.on(consumer.events.CRASH, ({ payload }) => {
  consuming = false;
  log.error("Kafka consumer crashed", { error: payload.error, restart: payload.restart });
  if (!payload.restart) process.exit(1);
});
consumer.on(consumer.events.GROUP_JOIN, () => {
  consuming = true;
  if (stalled) consumer.pause([{ topic: TOPICS.marketData }]);
});

watchFaults((active) => {
  if (active.has("crashloop")) {
    log.fatal("configuration reload failed: normalization.rules.symbolMap references unknown venue 'XEEE'");
    process.exit(1);
  }
  if (active.has("consumer-stall") !== stalled) {
    stalled = active.has("consumer-stall");
    // pause keeps the member in the group (heartbeats continue), so the group looks
    // healthy while its lag grows — the "Messages accumulating in Kafka topics" symptom
    if (stalled) consumer.pause([{ topic: TOPICS.marketData }]);
    else consumer.resume([{ topic: TOPICS.marketData }]);
    log.warn(stalled ? "processing stalled: waiting for downstream acknowledgements" : "processing resumed");
  }
  slow = active.has("latency");
  exporter.setEnabled(!active.has("target-down"));
});

// mTLS rules endpoint: enrichment-service authenticates with its client certificate.
const tlsFiles: CertFiles = { ...certPaths(SERVICE, "server"), ca: CA_CERT };
reportExpiry(tlsFiles, log);
const tlsServer = https.createServer({ ...loadCert(tlsFiles), requestCert: true, rejectUnauthorized: true }, (req, res) => {
  const peer = (req.socket as TLSSocket).getPeerCertificate();
  res.setHeader("Content-Type", "application/json");
  res.end(JSON.stringify({ client: peer.subject?.CN, rules: Object.fromEntries(Object.entries(INSTRUMENTS).map(([s, i]) => [s, { sector: i.sector, currency: i.currency }])) }));
});
tlsServer.on("tlsClientError", (error, socket) => {
  const reason = /alert ([a-z ]+)/i.exec(error.message)?.[1]?.trim().replace(/ /g, "_") ?? "handshake_failed";
  metrics.tlsHandshakeErrors.inc({ side: "server", reason });
  // a client that rejects our certificate just closes the connection: "socket hang up"
  log.error("TLS handshake failed", { peer: socket.remoteAddress ? `${socket.remoteAddress}:${socket.remotePort}` : "enrichment-service", error: error.message });
});
watchCert(tlsFiles, () => {
  tlsServer.setSecureContext({ ...loadCert(tlsFiles) });
  log.info("TLS certificate reloaded", { cert: tlsFiles.cert });
  reportExpiry(tlsFiles, log);
});
tlsServer.listen(PORTS.normalizationTls, "127.0.0.1", () => log.info("mTLS listening", { port: PORTS.normalizationTls }));

const api = startApiServer({
  service: SERVICE,
  port: PORTS.normalizationHttp,
  log,
  metrics,
  health: () => ({ status: consuming ? "ok" : "degraded", kafka: consuming ? "consuming" : "not consuming", paused: stalled }),
  routes: { "/v1/latest": () => Object.fromEntries(latest) },
});

onShutdown(log, async () => {
  await consumer.disconnect();
  await producer.disconnect();
  await api.close();
  exporter.close();
  tlsServer.close();
});

log.info("starting", { input: TOPICS.marketData, group: GROUPS.normalization });
startConsumer().catch((error) => {
  log.fatal("could not start the Kafka consumer", { error });
  process.exit(1);
});
