import { randomUUID } from "node:crypto";
import type { ConnectorResult } from "../result";
import { query, toNumber, type ClickHouseTarget } from "./client";
import { sql } from "./sql";

/**
 * Is ClickHouse up and does it accept our login: version, uptime and how many queries run.
 * A real query, not `ping()` — /ping needs no credentials, so it says yes with a wrong password.
 */
export interface ServerInfo {
  version: string;
  uptimeSeconds: number;
  /** queries running now, not counting this one */
  runningQueries: number;
  /** the longest of them, in seconds (0 when none) */
  longestRunningSeconds: number;
}

export async function serverInfo(target: ClickHouseTarget, deadlineMs: number): Promise<ConnectorResult<ServerInfo>> {
  const queryId = `incident-console-${randomUUID()}`;
  const result = await query<{ version: string; uptime: unknown; running: unknown; longest: unknown }>(
    target,
    sql`SELECT version() AS version, uptime() AS uptime,
      (SELECT count() FROM system.processes WHERE query_id != ${queryId}) AS running,
      (SELECT max(elapsed) FROM system.processes WHERE query_id != ${queryId}) AS longest`,
    deadlineMs,
    { queryId },
  );
  if (!result.ok) return result;
  const row = result.value[0];
  return {
    ok: true,
    ms: result.ms,
    value: { version: String(row?.version ?? "?").slice(0, 40), uptimeSeconds: toNumber(row?.uptime), runningQueries: toNumber(row?.running), longestRunningSeconds: toNumber(row?.longest) },
  };
}
