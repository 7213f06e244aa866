/**
 * The service's HTTP port: `/health` (what the runbook curls) and a small read API
 * guarded by API keys (PostgreSQL) and a Redis rate limiter — the source of the 401s and
 * 429s in the auth-failures and rate-limit-storm faults.
 */
import http from "node:http";
import { createApiKeyChecker } from "./api-keys.ts";
import type { Logger } from "./log.ts";
import type { PipelineMetrics } from "./metrics.ts";
import { RATE_LIMIT, createRateLimiter } from "./rate-limit.ts";

export type Route = (url: URL) => Promise<unknown> | unknown;

export interface ApiServerOptions {
  service: string;
  port: number;
  log: Logger;
  metrics: PipelineMetrics;
  /** `{ status: "ok" | "degraded", … }` for /health */
  health: () => Record<string, unknown>;
  routes: Record<string, Route>;
}

export function startApiServer({ service, port, log, metrics, health, routes }: ApiServerOptions) {
  const keys = createApiKeyChecker(service);
  const limiter = createRateLimiter(service);

  const send = (res: http.ServerResponse, route: string, code: number, body: unknown) => {
    metrics.apiRequests.inc({ route, code: String(code) });
    res.statusCode = code;
    res.setHeader("Content-Type", "application/json");
    res.end(JSON.stringify(body) + "\n");
  };

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", `http://127.0.0.1:${port}`);
    if (url.pathname === "/health" || url.pathname === "/healthz") {
      const body = health();
      return send(res, "/health", body.status === "ok" ? 200 : 503, { service, ...body });
    }
    const route = routes[url.pathname];
    if (!route) return send(res, "other", 404, { error: "not found" });

    const key = await keys.check(req.headers["x-api-key"]?.toString());
    if (!key.ok && key.status === 401) {
      metrics.authFailures.inc({ reason: key.reason, owner: key.owner ?? "" });
      log.warn(`401 Unauthorized: API key ${key.reason}`, { path: url.pathname, key_id: key.id, owner: key.owner });
      return send(res, url.pathname, 401, { error: "unauthorized", reason: key.reason });
    }
    if (!key.ok) {
      metrics.errors.inc({ type: "api_key_lookup" });
      log.error("API key lookup failed against PostgreSQL api_keys", { path: url.pathname, error: key.detail });
      return send(res, url.pathname, 503, { error: "api key lookup failed" });
    }
    try {
      const limit = await limiter.hit(key.id);
      metrics.rateLimitRequests.inc({ outcome: limit.allowed ? "allowed" : "limited" });
      if (!limit.allowed) {
        metrics.rateLimitExceeded.inc({ owner: key.owner });
        log.warn("rate_limit exceeded: 429 Too Many Requests", {
          owner: key.owner, key_id: key.id, redis_key: limit.key, count: limit.count, limit: RATE_LIMIT.requests, window_s: RATE_LIMIT.windowSeconds,
        });
        res.setHeader("Retry-After", String(RATE_LIMIT.windowSeconds));
        return send(res, url.pathname, 429, { error: "too many requests" });
      }
    } catch (error) {
      // fail open: an unreachable Redis must not take the API down
      metrics.errors.inc({ type: "rate_limit_backend" });
      log.error("rate_limit check failed (Redis), allowing request", { error });
    }
    try {
      return send(res, url.pathname, 200, await route(url));
    } catch (error) {
      metrics.errors.inc({ type: "api" });
      log.error("API request failed", { path: url.pathname, error });
      return send(res, url.pathname, 500, { error: "internal error" });
    }
  });
  server.on("error", (error) => {
    log.fatal("HTTP listener failed", { port, error });
    process.exit(1);
  });
  server.listen(port, "127.0.0.1", () => log.info("HTTP listening", { port }));

  return {
    async close() {
      server.close();
      server.closeAllConnections();
      await Promise.allSettled([keys.close(), limiter.close()]);
    },
  };
}
