/**
 * The pipeline's API consumers: two desks polling normalization-service and
 * enrichment-service with their API keys (rows in PostgreSQL `api_keys`, made by `lab up`).
 * Normal traffic stays under the rate limit; the rate-limit-storm fault makes desk A retry
 * in a tight loop (a client bug without backoff), which draws 429s.
 */
import { watchFaults } from "../core/fault-state.ts";
import { PORTS } from "../core/paths.ts";
import { CLIENT_KEYS } from "../core/pipeline-data.ts";
import { onShutdown } from "./shared/lifecycle.ts";
import { createLogger } from "./shared/log.ts";

const SERVICE = "market-data-api-client";
const TARGETS = [`http://127.0.0.1:${PORTS.normalizationHttp}/v1/latest`, `http://127.0.0.1:${PORTS.enrichmentHttp}/v1/ticks/latest`];

const log = createLogger(SERVICE);
let storm = false;
const counts = new Map<string, number>();

watchFaults((active) => {
  storm = active.has("rate-limit-storm");
  log.info(storm ? "desk A retry loop engaged (no backoff)" : "normal polling");
});

async function call(url: string, owner: string, key: string) {
  try {
    const res = await fetch(url, { headers: { "X-API-Key": key }, signal: AbortSignal.timeout(5_000) });
    await res.arrayBuffer();
    const k = `${owner} ${res.status}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  } catch {
    counts.set(`${owner} error`, (counts.get(`${owner} error`) ?? 0) + 1);
  }
}

// normal: each desk polls each service every 2 s (10 requests per 10 s window, limit 30)
setInterval(() => {
  for (const { owner, plain } of CLIENT_KEYS) for (const url of TARGETS) void call(url, owner, plain);
}, 2_000);

// storm: desk A fires 8 requests per service every 200 ms (≈40/s per service)
setInterval(() => {
  if (!storm) return;
  for (const url of TARGETS) for (let i = 0; i < 8; i++) void call(url, CLIENT_KEYS[0].owner, CLIENT_KEYS[0].plain);
}, 200);

setInterval(() => {
  log.info("responses in the last 30 s", Object.fromEntries(counts));
  counts.clear();
}, 30_000);

onShutdown(log, async () => undefined);
log.info("starting", { targets: TARGETS.join(",") });
