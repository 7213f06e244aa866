import type { ConnectorResult } from "../result";
import { printable, withRedis, type RedisUrl } from "./client";

/**
 * `redis-cli --scan --pattern "rate_limit:*"`: SCAN with MATCH and COUNT, never KEYS (which
 * blocks Redis while it walks every key). Bounded: it stops after `maxKeys` keys or when
 * `budgetMs` is spent, and says so (`complete: false`), so a responder reads "at least N".
 */
export interface ScanResult {
  keys: string[];
  complete: boolean;
  stoppedBy: "max_keys" | "time" | null;
}

export interface KeySample {
  key: string;
  type: string;
  /** milliseconds until it expires; null without an expiry */
  ttlMs: number | null;
  /** the first 100 bytes of a string value; null for other types */
  value: string | null;
}

export function scanKeys(
  url: RedisUrl,
  pattern: string,
  options: { deadlineMs: number; budgetMs?: number; maxKeys?: number; count?: number },
): Promise<ConnectorResult<ScanResult>> {
  const maxKeys = options.maxKeys ?? 10_000;
  const budgetMs = options.budgetMs ?? options.deadlineMs * 0.6;
  return withRedis(url, options.deadlineMs, async (client) => {
    const started = performance.now();
    const keys = new Set<string>();
    let cursor = "0";
    do {
      const [next, batch] = await client.scan(cursor, "MATCH", pattern, "COUNT", options.count ?? 1_000);
      cursor = next;
      // SCAN may return a key more than once; keep names bounded.
      for (const key of batch) keys.add(printable(key));
      if (keys.size >= maxKeys) return { keys: [...keys].slice(0, maxKeys), complete: cursor === "0" && keys.size === maxKeys, stoppedBy: cursor === "0" && keys.size === maxKeys ? null : "max_keys" };
      if (cursor !== "0" && performance.now() - started > budgetMs) return { keys: [...keys], complete: false, stoppedBy: "time" };
    } while (cursor !== "0");
    return { keys: [...keys], complete: true, stoppedBy: null };
  });
}

/** Type, TTL and the head of the value of each key (at most 100 keys), in one pipeline. */
export function inspectKeys(url: RedisUrl, keys: string[], deadlineMs: number): Promise<ConnectorResult<KeySample[]>> {
  const chosen = keys.slice(0, 100);
  return withRedis(url, deadlineMs, async (client) => {
    if (chosen.length === 0) return [];
    const pipeline = client.pipeline();
    for (const key of chosen) pipeline.type(key).pttl(key).getrange(key, 0, 99);
    const replies = (await pipeline.exec()) ?? [];
    return chosen.map((key, index) => {
      const [typeReply, ttlReply, valueReply] = replies.slice(index * 3, index * 3 + 3);
      const type = typeReply && !typeReply[0] ? String(typeReply[1]) : "?";
      const ttl = ttlReply && !ttlReply[0] ? Number(ttlReply[1]) : -1;
      return {
        key,
        type,
        ttlMs: ttl >= 0 ? ttl : null,
        value: type === "string" && valueReply && !valueReply[0] ? printable(String(valueReply[1]), 100) : null,
      };
    });
  });
}
