import type { CheckContext } from "@/lib/checks/types";
import { postgresOverview } from "@/lib/connectors/postgresql/overview";
import { notConfigured, pipelineDbUrl } from "@/lib/connectors/postgresql/pool";
import type { SystemHealth } from "../types";
import { SystemVerdict } from "./system-verdict";

/**
 * The pipeline's PostgreSQL in one look (runbook, PostgreSQL Issues: `SELECT * FROM
 * pg_stat_activity`, `SELECT pg_size_pretty(pg_database_size('db'))`): connections against
 * max_connections, sessions waiting on locks, the database's size — one READ ONLY round trip
 * within the deadline; never throws.
 *
 * down: no connection slot left for the pipeline's role; unknown (grey, with the error
 * kind): unreachable, no answer, or refuses our login; degraded: connections at thresholds.connectionsWarn, or lock waits.
 */

export async function probePostgres(context: CheckContext): Promise<SystemHealth> {
  const system = context.catalog.systems.postgresql;
  const empty = { connections: null, maxConnections: null, waitingOnLocks: null, databaseBytes: null };
  const url = pipelineDbUrl(system, context.env);
  if (!url) return { status: "not_configured", reasons: [notConfigured(system).message], figures: empty };
  const result = await postgresOverview(url, context.deadlineMs);
  if (!result.ok) {
    return { status: "unknown", reasons: [`${result.error.kind.replace("_", " ")}: ${result.error.message}`], figures: { ...empty, ms: Math.round(result.ms) } };
  }
  const value = result.value;
  const verdict = new SystemVerdict("postgresql");
  const share = value.maxConnections ? value.connections / value.maxConnections : 0;
  verdict.note(`PostgreSQL ${value.version}, ${value.connections}/${value.maxConnections} connections, ${value.database} ${megabytes(value.databaseBytes)}`);
  if (value.connections >= value.maxConnections - value.reservedConnections) verdict.raise("down", "no connection slot left (max_connections reached)");
  else if (share >= context.thresholds.connectionsWarn) verdict.raise("degraded", `connections at ${Math.round(share * 100)} % of max_connections`);
  if (value.waitingOnLocks > 0) verdict.raise("degraded", `${value.waitingOnLocks} ${value.waitingOnLocks === 1 ? "session" : "sessions"} waiting on locks`);
  return {
    status: verdict.status,
    reasons: verdict.reasons,
    findings: verdict.findings,
    figures: {
      version: value.version,
      connections: value.connections,
      maxConnections: value.maxConnections,
      waitingOnLocks: value.waitingOnLocks,
      databaseBytes: value.databaseBytes,
      ms: Math.round(result.ms),
    },
  };
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
