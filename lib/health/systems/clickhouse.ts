import type { CheckContext } from "@/lib/checks/types";
import { clickhouseTarget, NOT_CONFIGURED } from "@/lib/connectors/clickhouse/client";
import { judgeQueryDuration } from "@/lib/checks/clickhouse/judge";
import { listProcesses } from "@/lib/connectors/clickhouse/processes";
import { slowestRecent } from "@/lib/connectors/clickhouse/query-log";
import { serverInfo } from "@/lib/connectors/clickhouse/server";
import { tableStats as readTableStats, type TableSummary } from "@/lib/connectors/clickhouse/tables";
import type { ConnectorResult } from "@/lib/connectors/result";
import type { SystemHealth } from "../types";
import { SystemVerdict } from "./system-verdict";

/**
 * ClickHouse in one look (runbook, ClickHouse Issues: `SELECT * FROM system.processes`,
 * `system.tables`; Data Not Processing: `SELECT count() FROM market_ticks`): it answers a
 * real query with our login (version, uptime), what it is running, and the rows of the tables
 * the pipeline writes (from system.parts: no table scan). Two queries in parallel, within
 * the deadline; never throws.
 *
 * unknown (grey, with the error kind): unreachable, no answer, refuses our login, or errs;
 * degraded: a query running or finished in the last 20 s past thresholds.slowQuerySeconds
 * (judged as the clickhouse checks judge it), or a pipeline table missing.
 */

/** The tables the catalog's services write to (services[].clickhouse.tables). */
export function pipelineTables(context: CheckContext): string[] {
  return [...new Set(context.catalog.services.flatMap((service) => service.clickhouse?.tables ?? []))];
}

/** Rows, bytes and last insert of tables (default: the pipeline's), for a service page. */
export async function tableStats(context: CheckContext, tables: string[] = pipelineTables(context)): Promise<ConnectorResult<TableSummary[]>> {
  const target = clickhouseTarget(context.catalog.systems.clickhouse, context.env);
  if (!target) return { ok: false, error: NOT_CONFIGURED, ms: 0 };
  return readTableStats(target, tables, context.deadlineMs);
}

export async function probeClickHouse(context: CheckContext): Promise<SystemHealth> {
  const empty = { version: null, runningQueries: null, rows: null };
  const target = clickhouseTarget(context.catalog.systems.clickhouse, context.env);
  if (!target) return { status: "not_configured", reasons: [NOT_CONFIGURED.message], figures: empty };
  const tables = pipelineTables(context);
  // What runs now (system.processes) and what finished in the last 20 s (query_log, flushed
  // every few seconds): together they catch a slow query whichever moment the sweep comes.
  const [info, stats, running, recent] = await Promise.all([
    serverInfo(target, context.deadlineMs),
    tables.length ? readTableStats(target, tables, context.deadlineMs) : null,
    listProcesses(target, context.deadlineMs),
    slowestRecent(target, 20, context.deadlineMs),
  ]);
  if (!info.ok) {
    return { status: "unknown", reasons: [`${info.error.kind.replace("_", " ")}: ${info.error.message}`], figures: { ...empty, ms: Math.round(info.ms) } };
  }

  const verdict = new SystemVerdict("clickhouse");
  const { version, runningQueries, longestRunningSeconds, uptimeSeconds } = info.value;
  verdict.note(`ClickHouse ${version}, ${runningQueries} ${runningQueries === 1 ? "query" : "queries"} running`);
  const candidates = [
    ...(running.ok ? running.value.map((query) => ({ seconds: query.elapsedSeconds, query: query.query })) : []),
    ...(recent.ok && recent.value ? [{ seconds: recent.value.durationMs / 1000, query: recent.value.query }] : []),
  ].sort((a, b) => b.seconds - a.seconds);
  const slowest = candidates[0];
  if (slowest) {
    const judged = judgeQueryDuration(slowest.seconds, slowest.query, context.thresholds);
    if (judged.verdict !== "ok") verdict.raise("degraded", judged.reason, "clickhouse.slow-queries");
  }

  let rows: number | null = null;
  let lastInsertAt: string | null = null;
  if (stats && !stats.ok) verdict.raise("degraded", `table sizes: ${stats.error.kind.replace("_", " ")}`);
  if (stats?.ok) {
    const present = stats.value.filter((table) => table.exists);
    const missing = stats.value.filter((table) => !table.exists).map((table) => table.name);
    rows = present.reduce((sum, table) => sum + table.rows, 0);
    lastInsertAt = present.map((table) => table.lastInsertAt).filter((time): time is string => Boolean(time)).sort().pop() ?? null;
    if (missing.length) verdict.raise("degraded", `missing table${missing.length === 1 ? "" : "s"}: ${missing.join(", ")}`);
    verdict.note(present.map((table) => `${table.name} ${table.rows.toLocaleString("en-US")} rows`).join(", ") || "no pipeline tables");
  }
  return {
    status: verdict.status,
    reasons: verdict.reasons,
    figures: { version, runningQueries, longestQuerySeconds: Math.round(Math.max(longestRunningSeconds, slowest?.seconds ?? 0) * 10) / 10, uptimeSeconds, rows, lastInsertAt, ms: Math.round(info.ms) },
    findings: verdict.findings,
  };
}
