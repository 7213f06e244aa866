/**
 * Fixed-window rate limiting per API key in Redis: `INCR rate_limit:<service>:<key id>:<window>`
 * with an expiry, the pattern the runbook scans for (`redis-cli --scan --pattern "rate_limit:*"`).
 */
import { Redis } from "ioredis";
import { RATE_LIMIT, REDIS_URL } from "../../core/paths.ts";

export { RATE_LIMIT };

export function createRateLimiter(service: string) {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false });
  redis.on("error", () => undefined); // reported per request below

  /** Returns the count in the current window and whether the request is allowed. */
  async function hit(keyId: number): Promise<{ allowed: boolean; count: number; key: string }> {
    const window = Math.floor(Date.now() / 1000 / RATE_LIMIT.windowSeconds) * RATE_LIMIT.windowSeconds;
    const key = `rate_limit:${service}:${keyId}:${window}`;
    const [[, count]] = (await redis.multi().incr(key).expire(key, RATE_LIMIT.windowSeconds * 2).exec()) as [[unknown, number]];
    return { allowed: count <= RATE_LIMIT.requests, count, key };
  }

  return { hit, close: () => redis.quit().catch(() => undefined) };
}
