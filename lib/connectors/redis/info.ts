import type { ConnectorResult } from "../result";
import { withRedis, type RedisUrl } from "./client";

/** `redis-cli INFO` (server, clients, memory, replication) and how long a PING takes. */
export interface RedisInfo {
  version: string;
  role: string;
  uptimeSeconds: number;
  connectedClients: number;
  usedMemoryBytes: number;
  /** 0 when Redis has no memory limit */
  maxMemoryBytes: number;
  maxMemoryPolicy: string;
  pingMs: number;
}

export function parseInfo(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    if (!line || line.startsWith("#")) continue;
    const colon = line.indexOf(":");
    if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 1).trim();
  }
  return fields;
}

const number = (value: string | undefined) => (value !== undefined && Number.isFinite(Number(value)) ? Number(value) : 0);

export function info(url: RedisUrl, deadlineMs: number): Promise<ConnectorResult<RedisInfo>> {
  return withRedis(url, deadlineMs, async (client) => {
    const started = performance.now();
    await client.ping();
    const pingMs = performance.now() - started;
    const fields = parseInfo(await client.info());
    return {
      version: (fields.redis_version ?? "?").slice(0, 40),
      role: (fields.role ?? "?").slice(0, 40),
      uptimeSeconds: number(fields.uptime_in_seconds),
      connectedClients: number(fields.connected_clients),
      usedMemoryBytes: number(fields.used_memory),
      maxMemoryBytes: number(fields.maxmemory),
      maxMemoryPolicy: (fields.maxmemory_policy ?? "").slice(0, 40),
      pingMs: Math.round(pingMs * 10) / 10,
    };
  });
}
