import { z } from "zod";
import { slowStatements } from "@/lib/connectors/postgresql/statements";
import { connectorFailure, defineCheck } from "../define-check";
import { urlOf } from "./target";

/**
 * `SELECT * FROM pg_stat_statements ORDER BY total_time DESC LIMIT 10` (total_exec_time on
 * PostgreSQL 13+): the statements that cost the most time. Skipped when the extension is
 * missing; warns when one's mean time is over thresholds.slowQuerySeconds.
 */
export const slowQueriesCheck = defineCheck({
  id: "postgresql.slow-queries",
  system: "postgresql",
  title: "PostgreSQL statements by total time",
  runbook: {
    procedure: "postgresql-issues",
    purpose: "Check slow queries",
    command: 'kubectl exec -it postgresql-0 -n data-processing -- psql -U user -d db \\\n  -c "SELECT * FROM pg_stat_statements ORDER BY total_time DESC LIMIT 10"',
  },
  params: z.object({ limit: z.number().int().min(1).max(100).default(10) }),
  lab: true,
  async run(context, params) {
    const url = urlOf(context);
    if (typeof url !== "string") return url;
    const result = await slowStatements(url, params.limit, context.deadlineMs);
    if (!result.ok) return connectorFailure(result.error);
    if (!result.value.available) return { verdict: "skipped", summary: result.value.reason, data: null };
    const statements = result.value.statements;
    const data = { statements, slowQuerySeconds: context.thresholds.slowQuerySeconds };
    if (statements.length === 0) return { verdict: "ok", summary: "pg_stat_statements has no statements yet", data };
    const top = statements[0]!;
    const head = `top: ${ms(top.totalMs)} in ${top.calls.toLocaleString("en-US")} calls (mean ${ms(top.meanMs)}) — ${top.query.replace(/\s+/g, " ").slice(0, 80)}`;
    const slow = statements.filter((statement) => statement.meanMs > context.thresholds.slowQuerySeconds * 1000);
    if (slow.length) return { verdict: "warn", summary: `${slow.length} statements average over ${context.thresholds.slowQuerySeconds} s; ${head}`, data };
    return { verdict: "ok", summary: head, data };
  },
});

const ms = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(1)} ms`);
