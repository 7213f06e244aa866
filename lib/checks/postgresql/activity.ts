import { z } from "zod";
import { activity } from "@/lib/connectors/postgresql/activity";
import { connectorFailure, defineCheck } from "../define-check";
import { urlOf } from "./target";

/**
 * `SELECT * FROM pg_stat_activity`: connections by state against max_connections
 * (thresholds.connectionsWarn), sessions waiting on locks, the longest-running query
 * (thresholds.slowQuerySeconds). Fails when no connection slot is left for non-superusers.
 */
export const activityCheck = defineCheck({
  id: "postgresql.activity",
  system: "postgresql",
  title: "PostgreSQL connections and locks",
  runbook: {
    procedure: "postgresql-issues",
    purpose: "Check PostgreSQL status",
    command: 'kubectl exec -it postgresql-0 -n data-processing -- psql -U user -d db \\\n  -c "SELECT * FROM pg_stat_activity"',
  },
  params: z.object({}),
  lab: true,
  async run(context) {
    const url = urlOf(context);
    if (typeof url !== "string") return url;
    const result = await activity(url, context.deadlineMs);
    if (!result.ok) return connectorFailure(result.error);
    const value = result.value;
    const usable = value.maxConnections - value.reservedConnections;
    const share = value.maxConnections ? value.connections / value.maxConnections : 0;
    const longest = value.sessions.find((session) => session.state === "active" || session.state === "idle in transaction");
    const states = Object.entries(value.byState)
      .sort((a, b) => b[1] - a[1])
      .map(([state, count]) => `${count} ${state}`)
      .join(", ");
    const parts = [
      `${value.connections}/${value.maxConnections} connections${states ? ` (${states})` : ""}`,
      `${value.waitingOnLocks} waiting on locks`,
      longest ? `longest ${longest.state} ${longest.querySeconds.toFixed(1)} s (${longest.application || longest.user})` : "no query running",
    ];
    const problems: string[] = [];
    if (share >= context.thresholds.connectionsWarn) problems.push(`connections at ${Math.round(share * 100)} % of max_connections`);
    if (value.waitingOnLocks > 0) problems.push(`${value.waitingOnLocks} waiting on locks`);
    if (longest && longest.querySeconds > context.thresholds.slowQuerySeconds) problems.push(`a query running over ${context.thresholds.slowQuerySeconds} s`);
    const verdict = value.connections >= usable ? "fail" : problems.length ? "warn" : "ok";
    const data = { ...value, usableConnections: usable, connectionsShare: share };
    return { verdict, summary: parts.join(", "), data };
  },
});
