import { z } from "zod";
import { notConfigured, redisUrl } from "@/lib/connectors/redis/client";
import { inspectKeys, scanKeys, type KeySample } from "@/lib/connectors/redis/scan";
import { connectorFailure, defineCheck } from "../define-check";

/**
 * `redis-cli --scan --pattern "rate_limit:*"`: the rate limiter's counters
 * (`rate_limit:<service>:<key id>:<window start>`), counted with a bounded SCAN (never KEYS),
 * grouped by service, with the values and TTLs of the newest windows' keys. Given the limit
 * (requests per window: the `limit` parameter, else the catalog's redis.rateLimitPerWindow),
 * keys over it warn: those clients are getting 429s.
 */
const WINDOW_KEY = /^rate_limit:([^:]+):([^:]+):(\d+)$/;

export interface RateLimitSample extends KeySample {
  service: string | null;
  keyId: string | null;
  window: number | null;
}

export const rateLimitKeysCheck = defineCheck({
  id: "redis.rate-limit-keys",
  system: "redis",
  title: "Rate limit counters in Redis",
  runbook: {
    procedure: "rate-limiting-issues",
    purpose: "Check Redis rate limit data",
    command: 'kubectl exec -it redis-0 -n data-processing -- redis-cli \\\n  --scan --pattern "rate_limit:*"',
  },
  params: z.object({
    pattern: z
      .string()
      .regex(/^[A-Za-z0-9_:.*?-]{1,100}$/, { message: "must be a key pattern such as rate_limit:*" })
      .default("rate_limit:*"),
    /** stop counting after this many keys ("at least N") */
    maxKeys: z.number().int().min(1).max(100_000).default(10_000),
    /** how many keys of the newest windows to read values and TTLs of */
    sample: z.number().int().min(0).max(100).default(50),
    /** requests allowed per key and window; counters above it are clients being refused */
    limit: z.number().int().positive().optional(),
  }),
  lab: true,
  async run(context, params) {
    const url = redisUrl(context.catalog.systems.redis, context.env);
    if (!url) return connectorFailure(notConfigured(context.catalog.systems.redis));
    const started = performance.now();
    const scan = await scanKeys(url, params.pattern, { deadlineMs: context.deadlineMs, maxKeys: params.maxKeys });
    if (!scan.ok) return connectorFailure(scan.error);
    const { keys, complete, stoppedBy } = scan.value;

    const parsed = keys.map((key) => {
      const match = WINDOW_KEY.exec(key);
      return { key, service: match?.[1] ?? null, keyId: match?.[2] ?? null, window: match ? Number(match[3]) : null };
    });
    const services = new Map<string, { service: string; keys: number; keyIds: Set<string>; newestWindow: number }>();
    for (const entry of parsed) {
      if (!entry.service) continue;
      const group = services.get(entry.service) ?? { service: entry.service, keys: 0, keyIds: new Set<string>(), newestWindow: 0 };
      group.keys++;
      group.keyIds.add(entry.keyId!);
      group.newestWindow = Math.max(group.newestWindow, entry.window ?? 0);
      services.set(entry.service, group);
    }
    const byService = [...services.values()].map((group) => ({ service: group.service, keys: group.keys, keyIds: group.keyIds.size, newestWindow: group.newestWindow })).sort((a, b) => b.keys - a.keys);

    // Values and TTLs of the newest windows first, within what is left of the deadline.
    const newestFirst = [...parsed].sort((a, b) => (b.window ?? 0) - (a.window ?? 0)).slice(0, params.sample);
    const left = context.deadlineMs - (performance.now() - started);
    const inspected = newestFirst.length && left > 50 ? await inspectKeys(url, newestFirst.map((entry) => entry.key), left) : null;
    const samples: RateLimitSample[] = inspected?.ok ? inspected.value.map((sample, index) => ({ ...sample, ...newestFirst[index]!, key: sample.key })) : [];
    const counted = (sample: RateLimitSample) => (sample.value !== null && /^\d+$/.test(sample.value) ? Number(sample.value) : null);
    const limit = params.limit ?? context.catalog.systems.redis.rateLimitPerWindow ?? null;
    const overLimit = limit ? samples.filter((sample) => (counted(sample) ?? 0) > limit) : [];
    const busiest = samples.filter((sample) => counted(sample) !== null).sort((a, b) => counted(b)! - counted(a)!)[0];

    const data = {
      pattern: params.pattern,
      count: keys.length,
      complete,
      stoppedBy,
      byService,
      samples,
      samplesUnavailable: inspected && !inspected.ok ? inspected.error : null,
      limit,
      overLimit: overLimit.map((sample) => sample.key),
    };
    const count = `${complete ? "" : "at least "}${keys.length.toLocaleString("en-US")} ${params.pattern} ${keys.length === 1 ? "key" : "keys"}${stoppedBy === "time" ? " (scan stopped at the deadline)" : ""}`;
    if (keys.length === 0) return { verdict: "ok", summary: `no ${params.pattern} keys (no requests counted in the current windows)`, data };
    const groups = byService.length ? ` (${byService.map((group) => `${group.service} ${group.keys}`).join(", ")})` : "";
    const busy = busiest
      ? `; busiest: ${busiest.service ?? busiest.key}${busiest.keyId ? ` key ${busiest.keyId}` : ""} with ${counted(busiest)} requests${busiest.ttlMs !== null ? ` (expires in ${Math.ceil(busiest.ttlMs / 1000)} s)` : ""}`
      : "";
    if (overLimit.length) return { verdict: "warn", summary: `${overLimit.length} over the limit of ${limit}; ${count}${groups}${busy}`, data };
    return { verdict: "ok", summary: `${count}${groups}${busy}`, data };
  },
});
