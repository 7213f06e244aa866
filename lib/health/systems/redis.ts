import type { CheckContext } from "@/lib/checks/types";
import { notConfigured, redisUrl } from "@/lib/connectors/redis/client";
import { info } from "@/lib/connectors/redis/info";
import type { HealthStatus, SystemHealth } from "../types";

/**
 * Redis in one look (runbook, Rate Limiting Issues: `redis-cli …`): PING time, memory used
 * against maxmemory, connected clients, role — PING and INFO on the cached client within the
 * deadline; never throws.
 *
 * unknown (grey, with the error kind): unreachable, no answer, refuses our login; degraded: memory at
 * thresholds.memoryWarn of maxmemory (at the limit with noeviction, the rate limiter's
 * writes fail).
 */
export async function probeRedis(context: CheckContext): Promise<SystemHealth> {
  const system = context.catalog.systems.redis;
  const empty = { pingMs: null, usedMemoryBytes: null, connectedClients: null };
  const url = redisUrl(system, context.env);
  if (!url) return { status: "not_configured", reasons: [notConfigured(system).message], figures: empty };
  const result = await info(url, context.deadlineMs);
  if (!result.ok) {
    return { status: "unknown", reasons: [`${result.error.kind.replace("_", " ")}: ${result.error.message}`], figures: { ...empty, ms: Math.round(result.ms) } };
  }
  const value = result.value;
  let status: HealthStatus = "ok";
  const share = value.maxMemoryBytes ? value.usedMemoryBytes / value.maxMemoryBytes : null;
  const memory = `${megabytes(value.usedMemoryBytes)}${value.maxMemoryBytes ? ` of ${megabytes(value.maxMemoryBytes)}` : ""} memory`;
  const reasons = [`Redis ${value.version} ${value.role}, ping ${value.pingMs} ms, ${memory}, ${value.connectedClients} clients`];
  if (share !== null && share >= context.thresholds.memoryWarn) {
    status = "degraded";
    reasons.push(`memory at ${Math.round(share * 100)} % of maxmemory (${value.maxMemoryPolicy || "policy unknown"})`);
  }
  return {
    status,
    reasons,
    figures: {
      version: value.version,
      role: value.role,
      pingMs: value.pingMs,
      usedMemoryBytes: value.usedMemoryBytes,
      maxMemoryBytes: value.maxMemoryBytes || null,
      connectedClients: value.connectedClients,
      uptimeSeconds: value.uptimeSeconds,
      ms: Math.round(result.ms),
    },
  };
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
